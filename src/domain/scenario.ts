/**
 * Default scenarios: the annual probability that a buyer defaults, by the age of what it owes.
 * Read from a scenario file (`credit-cover/scenarios@1`, loaded by `rules/`), or the defaults
 * below; used by the broker tools (`broker/scenarios`, `broker/monte-carlo`).
 */
import { ratioFromNumber } from './money';
import type { Ratio } from './types';

/** The six age buckets of a scenario, youngest first, as the scenario file names them. */
export const AGE_BUCKETS = ['notDue', '1-30', '31-60', '61-90', '91-120', 'over120'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

/** Upper edges in days overdue of the buckets but the last: 0 is *not due*. */
const EDGES = [0, 30, 60, 90, 120] as const;

/**
 * The bucket of an amount `daysOverdue` days overdue. `notDue` says the line is not due: at invoice
 * level that is `daysOverdue === 0`; at bucket level a `0-30` bucket is overdue although its lower
 * edge is 0 (DOMAIN.md), so the caller says.
 */
export function ageBucketIndex(daysOverdue: number, notDue: boolean = daysOverdue <= 0): number {
  if (notDue) return 0;
  const i = EDGES.findIndex((edge) => daysOverdue <= edge);
  // An overdue line 0 days overdue (a bucket-level `0-30`) is in 1-30.
  return i === -1 ? EDGES.length : Math.max(1, i);
}

export interface DefaultScenario {
  /** Short code, e.g. `base`, `stressed`. */
  name: string;
  description: string;
  /** Annual default probability in percent, one per `AGE_BUCKETS` entry. */
  defaultRates: readonly Ratio[];
  /** Percent of a defaulted buyer's eligible exposure later recovered (the recovery commission's base). */
  recovery: Ratio;
}

export interface MonteCarloSettings {
  runs: number;
  seed: number;
}

export interface ScenarioSet {
  scenarios: DefaultScenario[];
  /** Horizon of the results: 1, 2 or 3 years. */
  years: number;
  /** Null: no Monte Carlo unless the command line asks for it. */
  monteCarlo: MonteCarloSettings | null;
}

export const MAX_YEARS = 3;
export const MAX_RUNS = 100_000;

function scenario(name: string, description: string, rates: number[], recovery: number): DefaultScenario {
  return { name, description, defaultRates: rates.map(ratioFromNumber), recovery: ratioFromNumber(recovery) };
}

/**
 * The defaults when no scenario file is given (rules/README.md, section 17): orders of magnitude for
 * French SME trade receivables, a base year and a recession year; a broker replaces them with the
 * insurer's or the client's own figures.
 */
export const DEFAULT_SCENARIOS: ScenarioSet = {
  scenarios: [
    scenario('base', 'Base year / année normale', [0.5, 1, 3, 8, 15, 30], 20),
    scenario('stressed', 'Recession year / année de crise', [1.5, 3, 7, 15, 25, 45], 10),
  ],
  years: MAX_YEARS,
  monteCarlo: null,
};
