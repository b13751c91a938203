/**
 * How many cases each fuzz property runs. CI runs a small, fixed-seed sample on every `npm test`;
 * `npm run fuzz` sets FUZZ_RUNS (e.g. 20000) for a long run with a fresh seed each time (fast-check
 * prints the seed and the path of any failure, and FUZZ_SEED=<seed> replays it).
 */
import type fc from 'fast-check';

const fuzzRuns = Number(process.env.FUZZ_RUNS ?? '');
/** True under `npm run fuzz`. */
export const FUZZING = Number.isInteger(fuzzRuns) && fuzzRuns > 0;

/**
 * fast-check parameters: `ci` cases with a fixed seed in CI; FUZZ_RUNS × `weight` cases (at least
 * `ci`) under `npm run fuzz`, where `weight` < 1 keeps the expensive properties in proportion.
 */
export function fuzzParams<T>(ci: number, seed: number, weight = 1): fc.Parameters<T> {
  const replay = process.env.FUZZ_SEED;
  const numRuns = FUZZING ? Math.max(ci, Math.round(fuzzRuns * weight)) : ci;
  const chosenSeed = replay !== undefined && replay !== '' ? Number(replay) : FUZZING ? Date.now() ^ seed : seed;
  return { numRuns, seed: chosenSeed };
}

/** Jest's per-test timeout: generous in CI (a slow machine), unbounded in practice under `npm run fuzz`. */
export const FUZZ_TIMEOUT = FUZZING ? 6 * 60 * 60 * 1000 : 120_000;
