/**
 * `credit-cover diff OLD.json NEW.json`: what changed between two versions of a rule file, in
 * French or English. Exit code as diff's: 0 identical, 1 different, 2 a file is missing or invalid.
 */
import { formatAmount } from '../broker';
import {
  diffRuleFiles,
  formatRuleFileError,
  loadRuleFile,
  type EventJson,
  type LimitJson,
  type RuleChange,
  type RuleFileDiff,
  type RuleJson,
  type RuleFileJson,
  type TermChange,
} from '../rules';
import { CliError } from './errors';
import { readRuleFileText } from './files';
import type { Lang } from './lang';
import type { Output } from './validate';

export interface DiffArgs {
  before: string;
  after: string;
  lang: Lang;
}

const TEXT = {
  en: {
    identical: (a: string, b: string) => `${a} and ${b} are identical (same policy, limits, rates, rules and tests)`,
    policy: 'Policy terms',
    cost: 'Cost terms',
    limits: 'Named limits',
    rules: 'Rules',
    fx: 'Exchange rates',
    tests: 'Tests',
    absent: '(not set)',
    added: 'added',
    removed: 'removed',
    changed: 'changed',
    fields: {
      conditions: 'conditions',
      event: 'event',
      priority: 'priority',
      description: 'description',
      order: 'position',
    },
    period: (from: string | null, to: string | null) =>
      `${from === null ? 'from the policy start' : `from ${from}`}${to === null ? ', open-ended' : ` to ${to}`}`,
    testsLine: (a: number, b: number, changed: boolean) =>
      a === b ? `${a} → ${b}${changed ? ' (content changed)' : ''}` : `${a} → ${b}`,
    summary: (n: number) => `${n} change(s)`,
  },
  fr: {
    identical: (a: string, b: string) =>
      `${a} et ${b} sont identiques (mêmes conditions, agréments, cours, règles et tests)`,
    policy: 'Conditions de la police',
    cost: 'Coût',
    limits: 'Agréments',
    rules: 'Règles',
    fx: 'Cours de change',
    tests: 'Tests',
    absent: '(absent)',
    added: 'ajouté',
    removed: 'supprimé',
    changed: 'modifié',
    fields: {
      conditions: 'conditions',
      event: 'événement',
      priority: 'priorité',
      description: 'description',
      order: 'position',
    },
    period: (from: string | null, to: string | null) =>
      `${from === null ? 'dès le début de la police' : `du ${from}`}${to === null ? ', sans date de fin' : ` au ${to}`}`,
    testsLine: (a: number, b: number, changed: boolean) =>
      a === b ? `${a} → ${b}${changed ? ' (contenu modifié)' : ''}` : `${a} → ${b}`,
    summary: (n: number) => `${n} changement(s)`,
  },
};

async function load(file: string, io: Output): Promise<RuleFileJson | null> {
  let text: string;
  try {
    text = await readRuleFileText(file);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.err(`credit-cover: ${error.message}`);
    return null;
  }
  const loaded = loadRuleFile(text, { fileName: file });
  if (loaded.ok) return loaded.json;
  for (const error of loaded.errors) io.err(formatRuleFileError({ ...error, file }));
  io.err(`credit-cover: ${file}: the rule file does not validate (${loaded.errors.length} error(s))`);
  return null;
}

/** Prints the differences; resolves to the exit code. */
export async function runDiff(args: DiffArgs, io: Output): Promise<number> {
  const before = await load(args.before, io);
  const after = await load(args.after, io);
  if (before === null || after === null) return 2;
  const diff = diffRuleFiles(before, after);
  for (const line of diffLines(diff, args.before, args.after, args.lang)) io.out(line);
  return diff.identical ? 0 : 1;
}

function value(v: unknown, lang: Lang): string {
  if (v === undefined) return TEXT[lang].absent;
  if (typeof v === 'number') return formatAmount(v, lang);
  return JSON.stringify(v);
}

function termLines(changes: TermChange[], lang: Lang): string[] {
  return changes.map((c) => `  ${c.path}: ${value(c.before, lang)} → ${value(c.after, lang)}`);
}

function limitText(l: LimitJson, lang: Lang): string {
  return `${formatAmount(l.amount, lang)} (${TEXT[lang].period(l.validFrom, l.validTo)})`;
}

/** An event in a few words: `exclude private-individual`, `indemnity 80 %`, `limit 15,000`, `flag overdue-60`. */
function eventText(e: EventJson, lang: Lang): string {
  switch (e.type) {
    case 'exclude':
      return `exclude ${e.params.reason}`;
    case 'indemnity':
      return `indemnity ${formatAmount(e.params.percent, lang)} %`;
    case 'limit':
      return `limit ${formatAmount(e.params.max, lang)}`;
    case 'flag':
      return `flag ${e.params.code}`;
  }
}

function ruleChangeText(c: RuleChange, lang: Lang): string {
  const t = TEXT[lang];
  const before = c.before as RuleJson;
  const after = c.after as RuleJson;
  return c.fields
    .map((f) => {
      if (f === 'event') return `${t.fields.event} ${eventText(before.event, lang)} → ${eventText(after.event, lang)}`;
      if (f === 'priority') return `${t.fields.priority} ${before.priority ?? 1} → ${after.priority ?? 1}`;
      return t.fields[f];
    })
    .join(', ');
}

export function diffLines(diff: RuleFileDiff, a: string, b: string, lang: Lang): string[] {
  const t = TEXT[lang];
  if (diff.identical) return [t.identical(a, b)];
  const out: string[] = [`--- ${a}`, `+++ ${b}`];
  const section = (title: string, lines: string[]): void => {
    if (lines.length === 0) return;
    out.push(`${title}:`, ...lines);
  };
  section(t.policy, termLines(diff.policy, lang));
  section(t.cost, termLines(diff.cost, lang));
  section(
    t.limits,
    diff.limits.map((c) => {
      const list = (ls: LimitJson[]): string => ls.map((l) => limitText(l, lang)).join(', ');
      if (c.change === 'added') return `  + ${c.buyer}: ${list(c.after)}`;
      if (c.change === 'removed') return `  - ${c.buyer}: ${list(c.before)}`;
      return `  ~ ${c.buyer}: ${list(c.before)} → ${list(c.after)}`;
    }),
  );
  section(
    t.rules,
    diff.rules.map((c) => {
      if (c.change === 'added') return `  + ${c.name} (${eventText((c.after as RuleJson).event, lang)})`;
      if (c.change === 'removed') return `  - ${c.name} (${eventText((c.before as RuleJson).event, lang)})`;
      return `  ~ ${c.name}: ${ruleChangeText(c, lang)}`;
    }),
  );
  section(
    t.fx,
    diff.fxRates.map(
      (c) => `  ${c.currency}: ${value(c.before ?? undefined, lang)} → ${value(c.after ?? undefined, lang)}`,
    ),
  );
  if (diff.tests.changed || diff.tests.before !== diff.tests.after)
    out.push(`${t.tests}: ${t.testsLine(diff.tests.before, diff.tests.after, diff.tests.changed)}`);
  const count =
    diff.policy.length +
    diff.cost.length +
    diff.limits.length +
    diff.rules.length +
    diff.fxRates.length +
    (diff.tests.changed ? 1 : 0);
  out.push(t.summary(count));
  return out;
}
