import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';
import { describeError } from '../errors';
import type { Labels } from '../labels';
import type { PaneError } from '../state';

const useStyles = makeStyles({
  details: {
    margin: 0,
    marginTop: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalL,
  },
  message: {
    wordBreak: 'break-word',
  },
});

/** A failure, in the user's words, until they dismiss it or the step that failed is tried again. */
export function ErrorBar({ error, labels, onDismiss }: { error: PaneError; labels: Labels; onDismiss: () => void }) {
  const styles = useStyles();
  const text = describeError(error.error, labels);
  return (
    <MessageBar intent="error" layout="multiline" role="alert" data-testid="pane-error">
      <MessageBarBody>
        <MessageBarTitle>{labels.errorTitles[error.step]}</MessageBarTitle>
        <div className={styles.message}>{text.message}</div>
        {text.details.length > 0 && (
          <ul className={styles.details}>
            {text.details.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={onDismiss}>
          {labels.dismiss}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
