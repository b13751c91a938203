import { Button, Caption1, Field, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import type { Labels } from '../labels';
import { phaseProgress, type PaneState } from '../state';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  button: {
    alignSelf: 'stretch',
  },
  hint: {
    color: tokens.colorNeutralForeground3,
  },
});

interface Props {
  state: PaneState;
  enabled: boolean;
  labels: Labels;
  onEvaluate: () => void;
}

/** The Evaluate button and, while it runs, what it is doing. */
export function EvaluatePanel({ state, enabled, labels, onEvaluate }: Props) {
  const styles = useStyles();
  const running = state.phase !== null;
  return (
    <div className={styles.root}>
      <Button
        className={styles.button}
        appearance="primary"
        data-testid="evaluate"
        disabled={!enabled}
        onClick={onEvaluate}
      >
        {labels.evaluate}
      </Button>
      {!enabled && !running && <Caption1 className={styles.hint}>{labels.evaluateNeeds}</Caption1>}
      {state.phase !== null && (
        <Field validationMessage={labels.phases[state.phase]} validationState="none">
          <ProgressBar data-testid="progress" value={phaseProgress(state.phase)} thickness="large" />
        </Field>
      )}
    </div>
  );
}
