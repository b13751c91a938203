/**
 * mulberry32 (Tommy Ettinger, public domain): a tiny seeded generator of 32-bit unsigned integers,
 * the same sequence on every JavaScript engine. The Monte Carlo of the broker tools draws from it,
 * never from Math.random, so a seed reproduces a run exactly.
 */

/** 2^32: the count of values `next()` can return. */
export const UINT32_RANGE = 4294967296;

export interface Prng {
  /** The next integer in [0, 2^32). */
  next(): number;
}

/** A generator for `seed`, an integer from 0 to 2^32 − 1. */
export function mulberry32(seed: number): Prng {
  if (!Number.isInteger(seed) || seed < 0 || seed >= UINT32_RANGE) {
    throw new RangeError(`a seed is a whole number from 0 to ${UINT32_RANGE - 1}, got ${seed}`);
  }
  let state = seed >>> 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return (t ^ (t >>> 14)) >>> 0;
    },
  };
}
