/**
 * Streaming results: a cell's value is computed now and again after every change of the policy
 * store, pushed with `setResult` only when it differs, until Excel cancels the invocation (the
 * formula was edited or deleted, or the workbook closed). See docs/decisions/custom-functions-recalc.md.
 */
import { CoverError, type CoverErrorCode } from './errors';
import type { PolicyStore } from './policy-store';
import { texts } from './texts';

/** What streaming uses of `CustomFunctions.StreamingInvocation<T>` (whose errors are `CustomFunctions.Error`). */
export interface StreamingTarget<T, E> {
  setResult: (value: T | E) => void;
  onCanceled?: () => void;
}

/** Builds the host's error value (`new CustomFunctions.Error(…)` in Excel). */
export type ErrorFactory<E> = (code: CoverErrorCode, message: string) => E;

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: CoverErrorCode; message: string };

/** Runs `compute`: its value, or the error it threw as an Excel error (an unexpected one as `#VALUE!`). */
export function outcomeOf<T>(store: PolicyStore, compute: () => T): Outcome<T> {
  try {
    return { ok: true, value: compute() };
  } catch (e) {
    if (e instanceof CoverError) return { ok: false, code: e.code, message: e.message };
    // A bug, not a user error: the cell shows it (never a silent wrong number) and the console keeps the stack.
    console.error('credit-cover custom function failed', e);
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, code: 'invalidValue', message: texts(store.lang).internal(detail) };
  }
}

function sameOutcome<T>(a: Outcome<T> | null, b: Outcome<T>): boolean {
  if (a === null) return false;
  if (a.ok && b.ok) return Object.is(a.value, b.value);
  return !a.ok && !b.ok && a.code === b.code && a.message === b.message;
}

/** Streams `compute()` into `invocation` until it is canceled. */
export function streamResult<T, E>(
  store: PolicyStore,
  invocation: StreamingTarget<T, E>,
  compute: () => T,
  toError: ErrorFactory<E>,
): void {
  let last: Outcome<T> | null = null;
  let live = true;
  const stop = (): void => {
    live = false;
    unsubscribe();
  };
  const push = (): void => {
    if (!live) return;
    const outcome = outcomeOf(store, compute);
    if (sameOutcome(last, outcome)) return;
    last = outcome;
    try {
      invocation.setResult(outcome.ok ? outcome.value : toError(outcome.code, outcome.message));
    } catch (e) {
      // Excel no longer takes results for this invocation: stop streaming to it, keep the other cells going.
      console.error('credit-cover: a streaming cell refused its result; it stops updating', e);
      stop();
    }
  };
  const unsubscribe = store.subscribe(push);
  invocation.onCanceled = stop;
  push();
}
