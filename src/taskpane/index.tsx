/**
 * PLACEHOLDER, to be replaced by the task pane (src/taskpane/ belongs to the task pane's author): it only
 * gives webpack.config.js its `taskpane` entry, so that `npm run build` and test/addin run before the pane
 * exists. The page around it is ./taskpane.html; the pane renders into #root.
 */
import { createRoot } from 'react-dom/client';

void Office.onReady(() => {
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<p lang="en">Credit cover</p>);
});
