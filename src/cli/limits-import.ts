/**
 * `credit-cover limits import LIMITS.(csv|xlsx) --rules FILE --out NEW.json [--ledger L --as-of D]`:
 * an insurer's limit decisions merged into a rule file (`rules/limit-update`), the version bumped,
 * the result checked by the loader (tests included) before it is written, atomically; then the
 * buyers whose limit went down, and — given a ledger — whose exposure now exceeds it.
 */
import type { Evaluation } from '../domain';
import {
  applyLimitDecisions,
  bumpVersion,
  formatRuleFileError,
  loadRuleFile,
  LimitUpdateError,
  type AppliedDecision,
  type LimitChangeKind,
} from '../rules';
import { CliError } from './errors';
import { evaluateLedger, loadPolicyFile, parseAsOf, readLedgerFile } from './evaluate';
import { writeFileAtomic } from './files';
import { InputError, readTableFromFile } from './input';
import type { Lang } from './lang';
import { LimitsTableError, readLimitDecisions } from './limits-table';
import { formatMoney } from './report';
import type { Output } from './validate';

export interface LimitsImportArgs {
  export: string;
  rules: string;
  out: string;
  sheet?: string;
  dateOrder?: 'dmy' | 'mdy';
  bump: 'auto' | 'major' | 'minor' | 'patch';
  ledger?: string;
  asOf?: string;
  ledgerSheet?: string;
  lang: Lang;
  today?: () => Date;
}

/** A buyer whose limit went down, and what a ledger says about it. */
export interface ReducedBuyer {
  buyer: string;
  kind: LimitChangeKind;
  validFrom: string;
  before: number | null;
  after: number;
  /** From the ledger at --as-of: the buyer's insurable exposure (excl. VAT, after credits); null without a ledger or when it is not in it. */
  exposure: number | null;
  /** How far the exposure exceeds the new limit (0 when within it). */
  excess: number | null;
  /** Covered at --as-of under the old file and under the new one (a later-dated decision does not act yet). */
  coveredBefore: number | null;
  coveredAfter: number | null;
}

export interface LimitsImportResult {
  version: { before: string; after: string };
  applied: AppliedDecision[];
  reduced: ReducedBuyer[];
}

const TEXT = {
  en: {
    read: (n: number, file: string) => `${n} decision(s) read from ${file}`,
    kinds: {
      added: 'new limit',
      increased: 'increased',
      reduced: 'reduced',
      cancelled: 'cancelled',
      refused: 'refused (no named or discretionary cover)',
      'refused-kept': 'refused: current limit kept',
      'dates-changed': 'dates changed',
      unchanged: 'unchanged',
    } as Record<LimitChangeKind, string>,
    from: 'from',
    endsBefore: (d: string) => `, ends the day before the file's entry from ${d}`,
    version: (a: string, b: string) => `Version ${a} → ${b}`,
    noChange: 'No limit changes: the version is unchanged',
    reduced: 'Limits reduced or cancelled',
    noneReduced: 'No limit reduced or cancelled',
    exceeds: (exposure: string, limit: string, over: string) =>
      `exposure ${exposure} (excl. VAT) exceeds the new limit ${limit} by ${over}`,
    within: (exposure: string, limit: string) => `exposure ${exposure} (excl. VAT) within the new limit ${limit}`,
    notInLedger: 'not in the ledger',
    covered: (a: string, b: string) => `covered at the as-of date ${a} → ${b}`,
    asOf: (d: string) => `Ledger evaluated as of ${d}`,
    wrote: 'Wrote',
  },
  fr: {
    read: (n: number, file: string) => `${n} décision(s) lue(s) dans ${file}`,
    kinds: {
      added: 'nouvel agrément',
      increased: 'augmenté',
      reduced: 'réduit',
      cancelled: 'résilié',
      refused: 'refusé (ni agrément ni limite discrétionnaire)',
      'refused-kept': 'refus : agrément actuel conservé',
      'dates-changed': 'dates modifiées',
      unchanged: 'inchangé',
    } as Record<LimitChangeKind, string>,
    from: 'à partir du',
    endsBefore: (d: string) => `, s'arrête la veille de l'agrément du ${d} déjà dans le fichier`,
    version: (a: string, b: string) => `Version ${a} → ${b}`,
    noChange: 'Aucun agrément modifié : la version reste la même',
    reduced: 'Agréments réduits ou résiliés',
    noneReduced: 'Aucun agrément réduit ou résilié',
    exceeds: (exposure: string, limit: string, over: string) =>
      `encours HT ${exposure} : dépasse le nouvel agrément ${limit} de ${over}`,
    within: (exposure: string, limit: string) => `encours HT ${exposure} dans le nouvel agrément ${limit}`,
    notInLedger: 'absent de la balance',
    covered: (a: string, b: string) => `couvert à la date d'arrêté ${a} → ${b}`,
    asOf: (d: string) => `Balance évaluée au ${d}`,
    wrote: 'Écrit',
  },
};

const LESS_COVER: ReadonlySet<LimitChangeKind> = new Set(['reduced', 'cancelled', 'refused']);

export async function runLimitsImport(args: LimitsImportArgs, io: Output): Promise<LimitsImportResult> {
  const t = TEXT[args.lang];
  const { policy: oldPolicy, json } = await loadPolicyFile(args.rules, io);
  const asOf = args.ledger === undefined ? null : parseAsOf(args.asOf, args.today ?? (() => new Date()));

  let table;
  try {
    table = await readTableFromFile(args.export, { sheet: args.sheet });
  } catch (error) {
    if (error instanceof InputError) throw new CliError(error.message);
    throw error;
  }
  let decisions;
  try {
    decisions = readLimitDecisions(table.table, { dateOrder: args.dateOrder });
  } catch (error) {
    if (!(error instanceof LimitsTableError)) throw error;
    for (const problem of error.problems) io.err(`${args.export}: ${problem}`);
    throw new CliError(`${args.export}: the limit export cannot be imported (${error.problems.length} problem(s))`);
  }

  let update;
  try {
    update = applyLimitDecisions(json, decisions);
  } catch (error) {
    if (error instanceof LimitUpdateError) throw new CliError(`${args.export}: ${error.message}`);
    throw error;
  }
  const level = args.bump === 'auto' ? update.bump : args.bump;
  const before = json.policy.version;
  let after = before;
  if (level !== null) {
    const bumped = bumpVersion(before, level);
    if (bumped === null)
      throw new CliError(
        `${args.rules}: policy.version "${before}" is not MAJOR.MINOR.PATCH, so it cannot be bumped; write it so (e.g. 1.0.0) first`,
      );
    after = bumped;
  }
  const updated = { ...update.json, policy: { ...update.json.policy, version: after } };
  const text = JSON.stringify(updated, null, 2) + '\n';
  const loaded = loadRuleFile(text, { fileName: args.out });
  if (!loaded.ok) {
    for (const error of loaded.errors) io.err(formatRuleFileError(error));
    throw new CliError(
      `${args.out}: the updated rule file would not validate (${loaded.errors.length} error(s)); nothing written. ` +
        'If an embedded test checks a limit the insurer changed, update that test first.',
    );
  }
  await writeFileAtomic(args.out, text, [args.rules, args.export, ...(args.ledger ? [args.ledger] : [])]);

  io.out(t.read(decisions.length, args.export));
  for (const a of update.applied) {
    const d = a.decision;
    const money = (n: number | null): string => (n === null ? '—' : formatMoney(n, json.policy.currency, args.lang));
    const change = a.before === a.after ? money(a.after) : `${money(a.before)} → ${money(a.after)}`;
    io.out(
      `  ${d.buyer}: ${change} ${t.from} ${d.validFrom} (${t.kinds[a.kind]}${a.endsBefore ? t.endsBefore(a.endsBefore) : ''})`,
    );
  }
  io.out(level === null ? t.noChange : t.version(before, after));

  // The buyers with less cover, and what the ledger says about them.
  const reduced: ReducedBuyer[] = update.applied
    .filter((a) => LESS_COVER.has(a.kind))
    .map((a) => ({
      buyer: a.decision.buyer,
      kind: a.kind,
      validFrom: a.decision.validFrom,
      before: a.before,
      after: a.after ?? 0,
      exposure: null,
      excess: null,
      coveredBefore: null,
      coveredAfter: null,
    }));
  if (args.ledger !== undefined && asOf !== null) {
    const file = await readLedgerFile({
      ledger: args.ledger,
      sheet: args.ledgerSheet,
      map: [],
      dateOrder: args.dateOrder,
    });
    const oldEvaluation = evaluateLedger(file, oldPolicy, asOf);
    const newEvaluation = evaluateLedger(file, loaded.policy, asOf);
    for (const r of reduced) fillFromLedger(r, oldEvaluation, newEvaluation);
    io.out(t.asOf(newEvaluation.asOf));
  }
  const money = (n: number): string => formatMoney(n, json.policy.currency, args.lang);
  if (reduced.length === 0) io.out(t.noneReduced);
  else {
    io.out(`${t.reduced}:`);
    for (const r of reduced) {
      let line = `  ${r.buyer}: ${t.kinds[r.kind]} ${t.from} ${r.validFrom}`;
      if (args.ledger !== undefined) {
        if (r.exposure === null) line += ` — ${t.notInLedger}`;
        else {
          const limit = money(r.after);
          line += ` — ${
            (r.excess ?? 0) > 0
              ? t.exceeds(money(r.exposure), limit, money(r.excess ?? 0))
              : t.within(money(r.exposure), limit)
          }`;
          line += `; ${t.covered(money(r.coveredBefore ?? 0), money(r.coveredAfter ?? 0))}`;
        }
      }
      io.out(line);
    }
  }
  io.out(`${t.wrote} ${args.out}`);
  return { version: { before, after }, applied: update.applied, reduced };
}

function fillFromLedger(r: ReducedBuyer, oldEvaluation: Evaluation, newEvaluation: Evaluation): void {
  const buyer = newEvaluation.buyers.find((b) => b.buyerId === r.buyer);
  if (buyer === undefined) return;
  // Limits are counted on amounts excluding VAT (the insurable basis), as the insurer counts them.
  const cents = newEvaluation.invoices
    .filter((l) => l.buyerId === r.buyer)
    .reduce((sum, l) => sum + Math.max(0, Math.round(l.insurable * 100)), 0);
  r.exposure = cents / 100;
  r.excess = Math.max(0, cents - Math.round(r.after * 100)) / 100;
  r.coveredAfter = buyer.covered;
  r.coveredBefore = oldEvaluation.buyers.find((b) => b.buyerId === r.buyer)?.covered ?? 0;
}
