/// <reference types="custom-functions-runtime" />
/**
 * Excel custom functions, namespace COVER: the workbook's credit-cover policy in the accountant's
 * own formulas. The JSDoc tags below are the metadata (custom-functions-metadata-plugin makes
 * functions.json of them and appends `CustomFunctions.associate(id, fn)` to this file; French
 * names come from names.fr.json through localize.ts). The work is done in cover.ts.
 *
 * Every function streams: it sets its result now and again whenever the policy store changes (a
 * new rule file, as-of date or evaluation), until Excel cancels it; see
 * docs/decisions/custom-functions-recalc.md. The functions are exported only because TypeScript's
 * noUnusedLocals would reject them otherwise: nothing imports them, Excel calls them by id.
 */
import * as cover from './cover';
import { attachToOffice, getPolicyStore } from './office';
import { streamResult, type ErrorFactory } from './stream';

const store = getPolicyStore();
attachToOffice(store);

const excelError: ErrorFactory<CustomFunctions.Error> = (code, message) =>
  new CustomFunctions.Error(CustomFunctions.ErrorCode[code], message);

/**
 * The buyer's insured limit in the policy currency: its named limit (in force at the as-of date, else the latest), else the discretionary limit, capped by the policy's limit rules.
 * @customfunction INSURED_LIMIT INSURED_LIMIT
 * @param buyer Buyer id as the limits and the ledger write it (SIREN, VAT number or customer code).
 * @param invocation Streaming invocation.
 */
export function insuredLimit(buyer: string | number, invocation: CustomFunctions.StreamingInvocation<number>): void {
  streamResult(store, invocation, () => cover.insuredLimit(store, buyer), excelError);
}

/**
 * The kind of the buyer's limit: named, discretionary or none.
 * @customfunction LIMIT_KIND LIMIT_KIND
 * @param buyer Buyer id as the limits and the ledger write it (SIREN, VAT number or customer code).
 * @param invocation Streaming invocation.
 */
export function limitKind(buyer: string | number, invocation: CustomFunctions.StreamingInvocation<string>): void {
  streamResult(store, invocation, () => cover.limitKind(store, buyer), excelError);
}

/**
 * The buyer's percentage of indemnity (90 for 90 %), lowered by the policy's indemnity rules.
 * @customfunction INDEMNITY_PERCENT INDEMNITY_PERCENT
 * @param buyer Buyer id as the limits and the ledger write it (SIREN, VAT number or customer code).
 * @param invocation Streaming invocation.
 */
export function indemnityPercent(
  buyer: string | number,
  invocation: CustomFunctions.StreamingInvocation<number>,
): void {
  streamResult(store, invocation, () => cover.indemnityPercent(store, buyer), excelError);
}

/**
 * The insured part of an exposure: the exposure (less VAT when the policy says the ledger includes it) up to the buyer's limit, times its percentage of indemnity, rounded to the cent.
 * @customfunction COVERED COVERED
 * @param buyer Buyer id as the limits and the ledger write it (SIREN, VAT number or customer code).
 * @param exposure Amount the buyer owes, in the policy currency, as the ledger gives it.
 * @param invocation Streaming invocation.
 */
export function covered(
  buyer: string | number,
  exposure: number,
  invocation: CustomFunctions.StreamingInvocation<number>,
): void {
  streamResult(store, invocation, () => cover.covered(store, buyer, exposure), excelError);
}

/**
 * The part of an exposure that is not insured (VAT, the part over the limit, the share the insured keeps): the exposure less COVERED.
 * @customfunction UNINSURED UNINSURED
 * @param buyer Buyer id as the limits and the ledger write it (SIREN, VAT number or customer code).
 * @param exposure Amount the buyer owes, in the policy currency, as the ledger gives it.
 * @param invocation Streaming invocation.
 */
export function uninsured(
  buyer: string | number,
  exposure: number,
  invocation: CustomFunctions.StreamingInvocation<number>,
): void {
  streamResult(store, invocation, () => cover.uninsured(store, buyer, exposure), excelError);
}

/**
 * The status of one invoice as if it were the buyer's only open item: covered, partial, over-limit, credit, or excluded with its first reason (excluded: carence).
 * @customfunction COVER_STATUS COVER_STATUS
 * @param buyer Buyer id as the limits and the ledger write it (SIREN, VAT number or customer code).
 * @param amount Open amount of the invoice, in the policy currency.
 * @param invoice_date Invoice date: a date, or YYYY-MM-DD text.
 * @param due_date Due date: a date, or YYYY-MM-DD text.
 * @param [disputed] TRUE (or Yes, 1) when the invoice is disputed, FALSE (or No, 0) when not; empty: not known.
 * @param [declared_on] Date the unpaid invoice was declared to the insurer, if it was.
 * @param invocation Streaming invocation.
 */
export function coverStatus(
  buyer: string | number,
  amount: number,
  invoice_date: number | string,
  due_date: number | string,
  disputed: boolean | number | string | null,
  declared_on: number | string | null,
  invocation: CustomFunctions.StreamingInvocation<string>,
): void {
  streamResult(
    store,
    invocation,
    () => cover.coverStatus(store, buyer, amount, invoice_date, due_date, disputed, declared_on),
    excelError,
  );
}

/**
 * The last day to declare an unpaid invoice to the insurer: due date + the policy's declaration deadline (a date).
 * @customfunction DECLARE_BY DECLARE_BY
 * @param due_date Due date: a date, or YYYY-MM-DD text.
 * @param invocation Streaming invocation.
 */
export function declareBy(due_date: number | string, invocation: CustomFunctions.StreamingInvocation<number>): void {
  streamResult(store, invocation, () => cover.declareBy(store, due_date), excelError);
}

/**
 * The first day the indemnity for an unpaid invoice can be claimed: due date + the policy's waiting period (a date).
 * @customfunction CLAIMABLE_ON CLAIMABLE_ON
 * @param due_date Due date: a date, or YYYY-MM-DD text.
 * @param invocation Streaming invocation.
 */
export function claimableOn(due_date: number | string, invocation: CustomFunctions.StreamingInvocation<number>): void {
  streamResult(store, invocation, () => cover.claimableOn(store, due_date), excelError);
}

/**
 * A term of this workbook's credit-cover policy: id, name, version, insurer, currency, hash, as_of, or a numeric term by its rule-file name (discretionaryLimit, carenceDays, indemnityPercent.named …).
 * @customfunction POLICY POLICY
 * @param field id, name, version, insurer, currency, hash, as_of, or a term's rule-file name.
 * @param invocation Streaming invocation.
 */
export function policy(field: string, invocation: CustomFunctions.StreamingInvocation<string | number>): void {
  streamResult(store, invocation, () => cover.policyField(store, field), excelError);
}
