/**
 * The short summary the command line prints after an evaluation.
 */
import type { Evaluation } from '../domain';
import type { Lang } from './lang';
import type { Output } from './validate';

const TEXT = {
  en: {
    policy: 'Policy',
    asOf: 'As of',
    rows: (read: number, evaluated: number, skipped: number, reported: number) =>
      `Rows: ${read} read = ${evaluated} evaluated + ${skipped} skipped + ${reported} reported`,
    open: 'Open (incl. VAT)',
    eligible: 'Eligible',
    insured: 'Insured',
    overLimit: 'Over limit',
    covered: 'Covered',
    uninsured: 'Uninsured',
    claims: 'Claims if all overdue buyers defaulted',
    indemnity: 'Portfolio indemnity',
    topBuyers: 'Largest uninsured exposures',
    declare: (n: number) => `${n} invoice(s) to declare within 15 days`,
    diagnostics: (e: number, w: number) => `${e} error(s), ${w} warning(s) in the diagnostics`,
    mismatch: 'WARNING: rows read ≠ evaluated + skipped + reported',
    wrote: 'Wrote',
    row: 'row',
    more: 'more in the JSON result and the summary sheet',
  },
  fr: {
    policy: 'Police',
    asOf: 'Au',
    rows: (read: number, evaluated: number, skipped: number, reported: number) =>
      `Lignes : ${read} lues = ${evaluated} évaluées + ${skipped} ignorées + ${reported} signalées`,
    open: 'Encours (TTC)',
    eligible: 'Éligible',
    insured: 'Assuré',
    overLimit: 'Hors limite',
    covered: 'Couvert',
    uninsured: 'Non couvert',
    claims: 'Indemnités si tous les débiteurs en retard faisaient défaut',
    indemnity: 'Indemnité du portefeuille',
    topBuyers: 'Plus fortes expositions non couvertes',
    declare: (n: number) => `${n} facture(s) à déclarer sous 15 jours`,
    diagnostics: (e: number, w: number) => `${e} erreur(s), ${w} avertissement(s) dans les diagnostics`,
    mismatch: 'ATTENTION : lignes lues ≠ évaluées + ignorées + signalées',
    wrote: 'Écrit',
    row: 'ligne',
    more: 'de plus dans le résultat JSON et la feuille de synthèse',
  },
};

export interface ReportContext {
  ledger: string;
  sheet: string;
  lang: Lang;
  json?: string;
  out?: string;
}

export function formatMoney(amount: number, currency: string, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { style: 'currency', currency }).format(amount);
}

export function printSummary(e: Evaluation, ctx: ReportContext, io: Output): void {
  const t = TEXT[ctx.lang];
  const money = (n: number) => formatMoney(n, e.policy.currency, ctx.lang);
  const { counts, totals } = e;
  io.out(`${ctx.ledger} [${ctx.sheet}]`);
  io.out(`${t.policy}: ${e.policy.id} ${e.policy.version} (${e.policy.hash})`);
  io.out(`${t.asOf}: ${e.asOf}`);
  io.out(t.rows(counts.rowsRead, counts.rowsEvaluated, counts.rowsSkipped, counts.rowsReported));
  if (counts.rowsRead !== counts.rowsEvaluated + counts.rowsSkipped + counts.rowsReported) io.out(t.mismatch);
  const rows: [string, number][] = [
    [t.open, totals.open],
    [t.eligible, totals.eligible],
    [t.insured, totals.insured],
    [t.overLimit, totals.overLimit],
    [t.covered, totals.covered],
    [t.uninsured, totals.uninsured],
    [t.claims, totals.claims],
    [t.indemnity, totals.portfolioIndemnity],
  ];
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const figures = rows.map(([, n]) => money(n));
  const figureWidth = Math.max(...figures.map((f) => f.length));
  rows.forEach(([label], i) => io.out(`  ${label.padEnd(labelWidth)}  ${figures[i].padStart(figureWidth)}`));

  const top = [...e.buyers].sort((a, b) => b.uninsured - a.uninsured || (a.buyerId < b.buyerId ? -1 : 1)).slice(0, 5);
  if (top.length > 0) {
    io.out(`${t.topBuyers}:`);
    for (const b of top)
      io.out(`  ${money(b.uninsured).padStart(figureWidth)}  ${b.buyerId}  ${b.buyerName ?? ''}`.trimEnd());
  }
  const declareSoon = e.invoices.filter((i) => i.flags.includes('declare-soon')).length;
  if (declareSoon > 0) io.out(t.declare(declareSoon));
  const errors = e.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = e.diagnostics.filter((d) => d.severity === 'warning').length;
  if (errors + warnings > 0) {
    io.out(t.diagnostics(errors, warnings));
    // The first few, so a user sees at once what was not read and why; all are in the JSON and the summary sheet.
    const shown = e.diagnostics.filter((d) => d.severity !== 'info').slice(0, 5);
    for (const d of shown) io.out(`  ${t.row} ${d.row ?? '-'}${d.column ? ` [${d.column}]` : ''}: ${d.message}`);
    if (errors + warnings > shown.length) io.out(`  … ${errors + warnings - shown.length} ${t.more}`);
  }
  for (const file of [ctx.json, ctx.out]) if (file) io.out(`${t.wrote} ${file}`);
}
