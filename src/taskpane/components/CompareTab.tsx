import { Button, Caption1, Field, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ErrorStep, Labels } from '../labels';
import type { Pane } from '../use-pane';
import { AsOfDate } from './AsOfDate';
import { ComparePicker } from './ComparePicker';
import { CompareResult } from './CompareResult';
import { LedgerSection } from './LedgerSection';
import { Section } from './Section';

const useStyles = makeStyles({
  hint: {
    color: tokens.colorNeutralForeground3,
  },
  button: {
    alignSelf: 'stretch',
  },
});

interface Props {
  pane: Pane;
  labels: Labels;
  errorFor: (...steps: ErrorStep[]) => ReactNode;
}

/**
 * The Compare tab (loaded when first shown, with the broker layer): the Evaluate tab's sheet, columns and date (the same state), 2 to 4 rule files
 * ticked, Compare, and the policies side by side. Reads the workbook, never writes it.
 */
export function CompareTab({ pane, labels, errorFor }: Props) {
  const styles = useStyles();
  const { state, ledger, candidates, compareProblem, canCompare, actions } = pane;
  const { progress, result } = state.compare;
  return (
    <>
      <LedgerSection state={state} ledger={ledger} labels={labels} actions={actions}>
        <Caption1 className={styles.hint}>{labels.compareLedgerHint}</Caption1>
        {errorFor('sheet')}
      </LedgerSection>

      <Section title={labels.comparePoliciesSection}>
        <ComparePicker
          candidates={candidates}
          picked={state.compare.picked}
          labels={labels}
          onPick={actions.pickForComparison}
        />
      </Section>

      <Section title={labels.compareSection}>
        <AsOfDate asOf={state.asOf} labels={labels} hint={labels.compareAsOfHint} onChange={actions.setAsOf} />
        <Button
          className={styles.button}
          appearance="primary"
          data-testid="compare"
          disabled={!canCompare}
          onClick={actions.compare}
        >
          {labels.compare}
        </Button>
        {progress === null && compareProblem !== null && (
          <Caption1 className={styles.hint} data-testid="compare-needs">
            {labels.compareNeeds[compareProblem]}
          </Caption1>
        )}
        {progress !== null && (
          <Field validationMessage={labels.comparePhases[progress.phase]} validationState="none">
            <ProgressBar data-testid="compare-progress" value={progress.done} thickness="large" />
          </Field>
        )}
        <Caption1 className={styles.hint} data-testid="compare-read-only">
          {labels.compareNothingWritten}
        </Caption1>
        {errorFor('compare')}
      </Section>

      {result !== null && (
        <Section title={labels.compareResultTitle}>
          <CompareResult run={result} labels={labels} />
        </Section>
      )}
    </>
  );
}
