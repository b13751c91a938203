/**
 * The policy the custom functions answer from, held once per page: the rule file stored in the
 * workbook (src/excel/policy-store.ts writes it), the as-of date, and what the last evaluation
 * learnt about each buyer. Every change makes a new immutable `ActivePolicy` snapshot (limits
 * indexed once, buyer lookups memoised in it) and tells the listeners, so streaming cells push
 * their new values.
 *
 * Nothing here touches Office: the workbook setting is read through the `read` function given to
 * the store (see office.ts), so the store runs unchanged in Node tests.
 */
import {
  LimitIndex,
  buyerCover,
  dayFromParts,
  namedLimitAt,
  parseIsoDay,
  unitsFromCents,
  type BuyerCover,
  type BuyerFacts,
  type Day,
  type Evaluation,
  type Ledger,
  type NamedLimit,
  type Policy,
  type PolicyTerms,
} from '../domain';
import type { PolicyToStore } from '../excel/policy-store';
import { formatRuleFileError, loadRuleFile } from '../rules';
import type { Lang } from './texts';

/** What the last evaluation says about a buyer: ledger facts, after credits, in the policy currency. */
export interface KnownBuyer {
  buyerName: string | null;
  country: string | null;
  sector: string | null;
  buyerType: string | null;
  /** Open total after credits (the `buyerExposure` fact), currency units. */
  exposure: number;
  maxDaysOverdue: number | null;
}

/** One buyer as the functions see it: its limit entries, the facts its rules saw, its cover (step 5). */
export interface BuyerLookup {
  buyerId: string;
  entries: readonly NamedLimit[];
  facts: BuyerFacts;
  cover: BuyerCover;
  known: KnownBuyer | null;
}

/** An active policy at one as-of date with one set of known buyers. Immutable; lookups are memoised. */
export class ActivePolicy {
  private readonly memo = new Map<string, BuyerLookup>();
  private digitsIndex: Map<string, string | null> | null = null;

  constructor(
    readonly policy: Policy,
    /** The stored as-of date, or the day the policy was activated when the workbook stores none. */
    readonly asOf: Day,
    readonly stored: PolicyToStore,
    readonly limits: LimitIndex,
    readonly known: ReadonlyMap<string, KnownBuyer>,
  ) {}

  get terms(): PolicyTerms {
    return this.policy.terms;
  }

  /** Step 5 for one buyer, once per snapshot. */
  buyer(buyerId: string): BuyerLookup {
    let lookup = this.memo.get(buyerId);
    if (lookup === undefined) {
      lookup = this.lookUp(buyerId);
      this.memo.set(buyerId, lookup);
    }
    return lookup;
  }

  private lookUp(buyerId: string): BuyerLookup {
    const entries = this.limits.entries(buyerId);
    const named = namedLimitAt(entries, this.asOf);
    const known = this.known.get(buyerId) ?? null;
    const facts: Record<keyof BuyerFacts, unknown> = {
      buyerId,
      buyerName: known?.buyerName ?? null,
      country: known?.country ?? null,
      sector: known?.sector ?? null,
      buyerType: known?.buyerType ?? null,
      namedLimit: named === null ? null : unitsFromCents(named.amount),
      buyerExposure: known === null ? null : known.exposure,
      buyerMaxDaysOverdue: known === null ? null : known.maxDaysOverdue,
    };
    // Without an evaluation the exposure facts are unknown: null, as DOMAIN.md says of any fact the
    // ledger does not give (numeric operators are false on it). BuyerFacts types them as numbers
    // because the evaluator always has them; the compiled rules take null either way.
    const buyerFacts = facts as unknown as BuyerFacts;
    const effects = this.policy.rules.buyerEffects(buyerFacts);
    return { buyerId, entries, facts: buyerFacts, cover: buyerCover(this.terms, entries, this.asOf, effects), known };
  }

  /**
   * The buyer id a number stands for. A SIREN such as 054321872 typed into a number cell reaches the
   * function as 54321872: when exactly one id of the policy's limits or of the last evaluation is
   * those digits behind leading zeros, that id is meant.
   */
  resolveNumericId(digits: string): string {
    if (this.limits.entries(digits).length > 0 || this.known.has(digits)) return digits;
    if (!/^\d+$/.test(digits)) return digits;
    if (this.digitsIndex === null) {
      const index = new Map<string, string | null>();
      const add = (id: string): void => {
        if (!/^0+\d+$/.test(id)) return;
        const key = id.replace(/^0+(?=\d)/, '');
        const seen = index.get(key);
        index.set(key, seen === undefined || seen === id ? id : null);
      };
      for (const limit of this.policy.limits) add(limit.buyer);
      for (const id of this.known.keys()) add(id);
      this.digitsIndex = index;
    }
    return this.digitsIndex.get(digits) ?? digits;
  }
}

export type PolicyState =
  | { kind: 'none' }
  /** Office is not initialised yet, or a large rule file is still being read from the workbook. */
  | { kind: 'pending' }
  | { kind: 'unreadable'; detail: string }
  | { kind: 'active'; active: ActivePolicy };

/** Returned by a reader while the policy cannot be read yet. */
export const NOT_READY: unique symbol = Symbol('credit-cover: policy not ready');

/** What a reader of the workbook's policy finds: none (null), the policy, or why it cannot be used. */
export type PolicyRead = typeof NOT_READY | null | PolicyToStore | { unreadable: string };

export type PolicyReader = () => PolicyRead;

export interface PolicyStoreOptions {
  read?: PolicyReader;
  lang?: Lang;
  /** Today, for a workbook that stores no as-of date (DOMAIN.md: the as-of date defaults to today). */
  today?: () => Day;
}

export interface SetPolicyOptions {
  /** The Policy already loaded from `stored.ruleFileText` (the task pane has it): skips parsing it again. */
  policy?: Policy;
  /** Also replace the last evaluation, in the same change (one notification). */
  evaluation?: Evaluation | null;
  /** The ledger of `evaluation`, for the sector and buyer type facts the evaluation does not carry. */
  ledger?: Ledger | null;
}

interface KnownBuyers {
  currency: string;
  buyers: ReadonlyMap<string, KnownBuyer>;
}

const NONE: PolicyState = { kind: 'none' };
const PENDING: PolicyState = { kind: 'pending' };
const NO_BUYERS: ReadonlyMap<string, KnownBuyer> = new Map();

/** The local calendar date: the add-in's notion of today (the core never reads the clock). */
export function localToday(): Day {
  const now = new Date();
  return dayFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

export class PolicyStore {
  private current: PolicyState | null = null;
  private known: KnownBuyers | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly read: PolicyReader | undefined;
  private readonly today: () => Day;
  private language: Lang;
  private changes = 0;
  /** The task pane has set the policy: an initial read of a stale settings copy must not undo that. */
  private setByTaskPane = false;

  constructor(options: PolicyStoreOptions = {}) {
    this.read = options.read;
    this.language = options.lang ?? 'en';
    this.today = options.today ?? localToday;
  }

  get lang(): Lang {
    return this.language;
  }

  /** How many changes listeners were told of. */
  get generation(): number {
    return this.changes;
  }

  /**
   * The policy now. The first call reads the workbook setting, so functions answer on reopening
   * before the task pane is ever opened; while it cannot be read yet the answer is "pending", and
   * the next call tries again.
   */
  state(): PolicyState {
    if (this.current === null) {
      if (this.read === undefined) return NONE;
      const value = this.read();
      if (value === NOT_READY) return PENDING;
      this.current = this.stateFrom(value);
    }
    return this.current;
  }

  /**
   * Re-reads the workbook's policy: after a co-author changed it (`always`), or once Office is
   * ready or a large rule file has been read, unless the task pane has set one meanwhile (the
   * Common API's settings are a copy taken at load, stale after the task pane stores a policy).
   */
  reload(options: { always?: boolean } = {}): void {
    if (this.read === undefined || (this.setByTaskPane && options.always !== true)) return;
    const value = this.read();
    if (value === NOT_READY) return;
    const before = this.current;
    const next = this.stateFrom(value, undefined, before);
    if (next !== before) this.change(next);
  }

  /** The policy the task pane has just stored in the workbook (null: it removed it). */
  setPolicy(stored: PolicyToStore | null, options: SetPolicyOptions = {}): void {
    this.setByTaskPane = true;
    const before = this.current;
    const knownChanged = options.evaluation !== undefined;
    if (knownChanged) this.known = knownBuyers(options.evaluation ?? null, options.ledger ?? null);
    let next = this.stateFrom(stored, options.policy, before);
    if (knownChanged && next === before && next.kind === 'active') {
      next = { kind: 'active', active: this.activate(next.active) };
    }
    if (next !== before) this.change(next);
  }

  /** The evaluation the task pane has just run (null: forget it). `ledger` gives sector and buyer type. */
  setLastEvaluation(evaluation: Evaluation | null, ledger: Ledger | null = null): void {
    this.known = knownBuyers(evaluation, ledger);
    const state = this.state();
    // Not yet readable (pending): nothing is cached, the evaluation applies once the policy is read.
    this.change(state.kind === 'active' ? { kind: 'active', active: this.activate(state.active) } : this.current);
  }

  setLanguage(lang: Lang): void {
    if (lang === this.language) return;
    this.language = lang;
    this.change(this.current);
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  private change(next: PolicyState | null): void {
    this.current = next;
    this.changes++;
    let failure: unknown = undefined;
    let failed = false;
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (e) {
        // One broken cell must not stop the others from updating; the first failure is rethrown.
        if (!failed) failure = e;
        failed = true;
      }
    }
    if (failed) throw failure;
  }

  /** A new snapshot of `active` with the known buyers of the last evaluation. */
  private activate(active: ActivePolicy): ActivePolicy {
    return new ActivePolicy(active.policy, active.asOf, active.stored, active.limits, this.knownFor(active.policy));
  }

  private knownFor(policy: Policy): ReadonlyMap<string, KnownBuyer> {
    // Exposures are in the evaluated policy's currency: from another currency they would mislead the rules.
    return this.known !== null && this.known.currency === policy.terms.currency ? this.known.buyers : NO_BUYERS;
  }

  /** The state a stored policy gives; `same` is returned as is when the value is the one it holds. */
  private stateFrom(
    value: Exclude<PolicyRead, typeof NOT_READY>,
    loaded?: Policy,
    same?: PolicyState | null,
  ): PolicyState {
    if (value === null) return same?.kind === 'none' ? same : NONE;
    if ('unreadable' in value) return { kind: 'unreadable', detail: value.unreadable };
    if (
      same?.kind === 'active' &&
      same.active.stored.ruleFileText === value.ruleFileText &&
      same.active.stored.asOf === value.asOf
    ) {
      return same;
    }
    const asOf = value.asOf === null ? this.today() : parseIsoDay(value.asOf);
    if (asOf === null)
      return { kind: 'unreadable', detail: `the as-of date ${JSON.stringify(value.asOf)} is not YYYY-MM-DD` };
    let policy = loaded;
    if (policy === undefined) {
      // The file's own tests ran when the task pane validated it; the core is deterministic, so they
      // would pass again: skipping them keeps opening a workbook fast.
      const result = loadRuleFile(value.ruleFileText, { runTests: false });
      if (!result.ok) return { kind: 'unreadable', detail: result.errors.map(formatRuleFileError).join('; ') };
      policy = result.policy;
    }
    if (value.hash !== '' && value.hash !== policy.hash)
      return { kind: 'unreadable', detail: `the rule file does not match its stored hash ${value.hash}` };
    return {
      kind: 'active',
      active: new ActivePolicy(policy, asOf, value, new LimitIndex(policy.limits), this.knownFor(policy)),
    };
  }
}

/** The buyer facts of an evaluation; sector and buyer type from the ledger's first row of each buyer. */
export function knownBuyers(evaluation: Evaluation | null, ledger: Ledger | null): KnownBuyers | null {
  if (evaluation === null) return null;
  const firstRows = new Map<string, { row: number; sector: string | null; buyerType: string | null }>();
  if (ledger !== null) {
    const rows = ledger.kind === 'invoice' ? ledger.invoices : ledger.rows;
    for (const r of rows) {
      const seen = firstRows.get(r.buyerId);
      if (seen === undefined || r.row < seen.row)
        firstRows.set(r.buyerId, { row: r.row, sector: r.sector, buyerType: r.buyerType });
    }
  }
  const buyers = new Map<string, KnownBuyer>();
  for (const b of evaluation.buyers) {
    const first = firstRows.get(b.buyerId);
    buyers.set(b.buyerId, {
      buyerName: b.buyerName,
      country: b.country,
      sector: first?.sector ?? null,
      buyerType: first?.buyerType ?? null,
      exposure: b.open,
      maxDaysOverdue: b.maxDaysOverdue,
    });
  }
  return { currency: evaluation.policy.currency, buyers };
}
