/**
 * The task pane's entry: find out where the page runs (Excel, or a plain browser with the demo
 * workbook), then render the pane in Office's look. The page around it is ./taskpane.html.
 */
import {
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { connect, type Connection } from './connect';
import { describeError } from './errors';
import { labelsFor, paneLang } from './labels';

const useStyles = makeStyles({
  waiting: {
    padding: tokens.spacingHorizontalL,
  },
});

function Root() {
  const styles = useStyles();
  const [connection, setConnection] = useState<Connection | null>(null);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  useEffect(() => {
    connect().then(setConnection, (error: unknown) => setFailure({ error }));
  }, []);
  if (connection !== null) return <App connection={connection} />;
  // Before Office answers, its display language is unknown: the browser's is the best guess.
  const labels = labelsFor(paneLang(navigator.language));
  return (
    <div className={styles.waiting}>
      {failure === null ? (
        <Spinner size="small" label={labels.connecting} />
      ) : (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{labels.startFailed}</MessageBarTitle>
            {describeError(failure.error, labels).message}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

const container = document.getElementById('root');
if (container === null) throw new Error('taskpane.html has no #root');
createRoot(container).render(
  <FluentProvider theme={webLightTheme}>
    <Root />
  </FluentProvider>,
);
