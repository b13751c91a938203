/**
 * The broker tools' words, in French and English: a difference as one short phrase
 * ("limit 40,000 vs 20,000", "carence 30 vs 60 days", "excluded by rule:public-buyer in B"),
 * for the command line, the comparison workbook and the task pane alike.
 */
import type { LimitKind } from '../domain';
import type { Difference, TermDifference } from './difference';

export type Lang = 'fr' | 'en';

/** An amount as a broker reads it: grouped, at most 2 decimals, no currency sign. */
export function formatAmount(amount: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { maximumFractionDigits: 2 })
    .format(amount)
    .replace(/[\u202f\u00a0]/g, ' ');
}

function formatPercent(value: number, lang: Lang): string {
  return `${formatAmount(value, lang)} %`;
}

const WORDS = {
  en: {
    vs: 'vs',
    in: 'in',
    days: 'days',
    notSet: 'none',
    limitKind: { named: 'named limit', discretionary: 'discretionary limit', none: 'no limit' } as Record<
      LimitKind,
      string
    >,
    limit: 'limit',
    indemnity: 'indemnity',
    terms: {
      carenceDays: 'carence',
      maxCreditPeriodDays: 'maximum credit period',
      declarationDeadlineDays: 'declaration deadline',
      maxExtensionDays: 'maximum extension',
      period: 'period of cover',
    },
    excludedBy: (reason: string, key: string) => `excluded by ${reason} in ${key}`,
    noFxRate: (currency: string | null, key: string) => `no exchange rate for ${currency ?? 'its currency'} in ${key}`,
    vat: (a: number | null, b: number | null) =>
      `VAT basis ${a === null ? 'excl. VAT' : `incl. VAT ${a} %`} vs ${b === null ? 'excl. VAT' : `incl. VAT ${b} %`}`,
    allocation: (what: string) => `${what}, which changes how the limit is used up`,
    other: 'allocation of the limit',
    row: 'row',
  },
  fr: {
    vs: 'contre',
    in: 'dans',
    days: 'jours',
    notSet: 'aucun',
    limitKind: { named: 'agrément', discretionary: 'limite discrétionnaire', none: 'sans limite' } as Record<
      LimitKind,
      string
    >,
    limit: 'limite',
    indemnity: 'quotité',
    terms: {
      carenceDays: 'carence',
      maxCreditPeriodDays: 'délai maximum de crédit',
      declarationDeadlineDays: 'délai de déclaration',
      maxExtensionDays: 'délai maximum de prorogation',
      period: 'période de garantie',
    },
    excludedBy: (reason: string, key: string) => `exclu par ${reason} dans ${key}`,
    noFxRate: (currency: string | null, key: string) =>
      `pas de cours de change pour ${currency ?? 'sa devise'} dans ${key}`,
    vat: (a: number | null, b: number | null) =>
      `base ${a === null ? 'HT' : `TTC ${a} %`} contre ${b === null ? 'HT' : `TTC ${b} %`}`,
    allocation: (what: string) => `${what}, ce qui change la consommation de la limite`,
    other: 'consommation de la limite',
    row: 'ligne',
  },
};

function termText(t: TermDifference, lang: Lang): string {
  const w = WORDS[lang];
  const name = w.terms[t.term];
  if (t.term === 'period') return `${name} ${t.a} ${w.vs} ${t.b}`;
  const show = (v: number | null): string => (v === null ? w.notSet : String(v));
  return `${name} ${show(t.a)} ${w.vs} ${show(t.b)} ${w.days}`;
}

/**
 * One phrase for a difference between the reference policy (`keyA`) and another (`keyB`).
 * The reference's figure always comes first: "limit 40,000 vs 20,000" reads "A has 40,000, B 20,000".
 */
export function differenceText(d: Difference, keyA: string, keyB: string, lang: Lang): string {
  const w = WORDS[lang];
  const key = (side: 'a' | 'b'): string => (side === 'a' ? keyA : keyB);
  switch (d.kind) {
    case 'excluded':
      return d.term !== null ? termText(d.term, lang) : w.excludedBy(d.reason, key(d.in));
    case 'allocation':
      return w.allocation(
        `${d.term !== null ? termText(d.term, lang) + ' — ' : ''}${w.excludedBy(d.reason, key(d.in))} (${w.row} ${d.row})`,
      );
    case 'no-fx-rate':
      return w.noFxRate(d.currency, key(d.in));
    case 'limit': {
      if (d.kindA === d.kindB)
        return `${d.kindA === 'named' ? w.limitKind.named : w.limit} ${formatAmount(d.a, lang)} ${w.vs} ${formatAmount(d.b, lang)}`;
      const side = (kind: LimitKind, amount: number): string =>
        kind === 'none' ? w.limitKind.none : `${w.limitKind[kind]} ${formatAmount(amount, lang)}`;
      return `${side(d.kindA, d.a)} ${w.vs} ${side(d.kindB, d.b)}`;
    }
    case 'percent': {
      if (d.kindA === d.kindB) return `${w.indemnity} ${formatPercent(d.a, lang)} ${w.vs} ${formatPercent(d.b, lang)}`;
      const side = (value: number, kind: LimitKind): string => `${formatPercent(value, lang)} (${w.limitKind[kind]})`;
      return `${w.indemnity} ${side(d.a, d.kindA)} ${w.vs} ${side(d.b, d.kindB)}`;
    }
    case 'vat':
      return w.vat(d.vatA, d.vatB);
    case 'other':
      return w.other;
  }
}
