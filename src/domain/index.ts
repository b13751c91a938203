export * from './types';
export { evaluate, type EvaluateOptions } from './evaluate';
export { DECLARE_SOON_DAYS } from './invoice-level';
export * from './days';
export * from './money';
export { LimitIndex, namedLimitAt, buyerCover, coverStart, anyInForce, inForce, type BuyerCover } from './limits';
export { buyerClaim, portfolioIndemnity } from './claims';
