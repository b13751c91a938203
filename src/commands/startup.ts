/**
 * Whether Excel loads the add-in (its shared runtime, hence the custom functions) when this workbook
 * opens, without waiting for the user to open the task pane. Stored in the workbook by Office itself
 * (SharedRuntime 1.1), so it travels with the file.
 *
 * The task pane calls `enableLoadOnOpen()` once it has stored a policy in the workbook, and
 * `disableLoadOnOpen()` when it removes it: a workbook without a policy has nothing to compute on open.
 */

/** Load the add-in with this workbook from now on. Writes only if the setting changes. */
export async function enableLoadOnOpen(): Promise<void> {
  await setStartupBehavior(Office.StartupBehavior.load);
}

/** Back to Office's default: the add-in loads when the user opens its pane. */
export async function disableLoadOnOpen(): Promise<void> {
  await setStartupBehavior(Office.StartupBehavior.none);
}

/** True if Excel will load the add-in the next time this workbook opens. */
export async function loadsOnOpen(): Promise<boolean> {
  return (await Office.addin.getStartupBehavior()) === Office.StartupBehavior.load;
}

async function setStartupBehavior(behavior: Office.StartupBehavior): Promise<void> {
  // Setting it marks the workbook as changed: don't, when it already has the wanted value.
  if ((await Office.addin.getStartupBehavior()) === behavior) return;
  await Office.addin.setStartupBehavior(behavior);
}
