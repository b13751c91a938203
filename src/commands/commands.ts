/**
 * The add-in's function file. In the shared runtime, FunctionFile, the task pane and the custom
 * functions all load taskpane.html (manifest.xml), which runs this entry next to `functions` and
 * `taskpane` in one JavaScript runtime.
 *
 * Office.js counts the add-in as started once some code has called `Office.onReady`. The task pane
 * calls it too; calling it here as well keeps the runtime (and so the custom functions) starting when
 * Excel loads the add-in with the workbook (see ./startup.ts), whatever becomes of the pane's code.
 *
 * The only ribbon control is a ShowTaskpane button, which needs no code, so there is no action to
 * associate: an ExecuteFunction button or a keyboard shortcut would get its
 * `Office.actions.associate(id, handler)` here, inside the `onReady` callback.
 */
// Opened outside Office (the task pane's plain-browser demo), office.js may be absent: nothing to start then.
if (typeof Office !== 'undefined') void Office.onReady();
