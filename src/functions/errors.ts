/**
 * What a custom function answers when it cannot give a value: the two Excel errors it uses, each
 * with a message Excel shows on the cell's error indicator. The codes are the keys of
 * `CustomFunctions.ErrorCode`, so `functions.ts` maps them one to one; nothing here needs Office.
 */

/** `notAvailable` is `#N/A` (no policy, no such term); `invalidValue` is `#VALUE!` (a bad argument). */
export type CoverErrorCode = 'notAvailable' | 'invalidValue';

export class CoverError extends Error {
  constructor(
    readonly code: CoverErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CoverError';
  }
}

export const notAvailable = (message: string): CoverError => new CoverError('notAvailable', message);
export const invalidValue = (message: string): CoverError => new CoverError('invalidValue', message);
