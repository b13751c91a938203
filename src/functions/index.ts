/**
 * The public door of `functions/` for the task pane: the page's policy store, which the custom
 * functions answer from. After storing a policy in the workbook (or running an evaluation), tell it:
 *
 *   getPolicyStore().setPolicy(policyToStore, { policy, evaluation, ledger });   // or setLastEvaluation(evaluation, ledger)
 *
 * and every COVER. cell updates (they stream). The functions themselves live in functions.ts,
 * which only the `functions` webpack entry loads; localize.ts is build-time only.
 */
export { getPolicyStore, attachToOffice } from './office';
export { PolicyStore, type PolicyState, type SetPolicyOptions } from './policy-store';
export { POLICY_FIELD_NAMES } from './cover';
