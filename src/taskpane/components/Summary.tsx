import { Body1Strong, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, type ReactNode } from 'react';
import { buildSummaryModel } from '../../sheet/output';
import { formatDate, formatRowRanges } from '../format';
import type { Labels } from '../labels';
import type { EvaluationRun } from '../run-evaluation';
import type { BuyerSelection } from '../state';
import { Declarations } from './Declarations';
import { Diagnostics } from './Diagnostics';
import { KeyFigures } from './KeyFigures';
import { TopBuyers } from './TopBuyers';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  part: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
  },
  heading: {
    margin: 0,
  },
  selection: {
    color: tokens.colorBrandForeground1,
  },
});

function Part({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.part}>
      <Body1Strong as="h3" className={styles.heading}>
        {title}
      </Body1Strong>
      {hint !== undefined && <Caption1 className={styles.muted}>{hint}</Caption1>}
      {children}
    </div>
  );
}

interface Props {
  result: EvaluationRun;
  selection: BuyerSelection | null;
  labels: Labels;
  onSelectBuyer: (buyerId: string) => void;
}

/** What the evaluation found: totals, the buyers to watch, the declarations due, the diagnostics. */
export function Summary({ result, selection, labels, onSelectBuyer }: Props) {
  const styles = useStyles();
  const { evaluation } = result;
  const model = useMemo(() => buildSummaryModel(evaluation, labels.lang), [evaluation, labels.lang]);
  const policy = `${evaluation.policy.id} ${evaluation.policy.version}`;
  return (
    <div className={styles.root} data-testid="summary">
      <div className={styles.part}>
        <Caption1 className={styles.muted}>
          {labels.resultSubtitle(formatDate(evaluation.asOf, labels), policy)}
        </Caption1>
        <Caption1 className={styles.muted}>{labels.written(result.write.address, result.write.summarySheet)}</Caption1>
        <Caption1 className={styles.muted}>{labels.storedPolicy}</Caption1>
      </div>
      <Part title={labels.keyFigures}>
        <KeyFigures evaluation={evaluation} model={model} labels={labels} />
      </Part>
      <Part title={labels.topBuyersTitle} hint={labels.topBuyersHint}>
        <TopBuyers evaluation={evaluation} selection={selection} labels={labels} onSelect={onSelectBuyer} />
        {selection !== null && (
          <Caption1 className={styles.selection} data-testid="selection">
            {labels.selectedRows(selection.report.rowsSelected, formatRowRanges(selection.report.address))}
            {selection.report.truncated
              ? ` ${labels.selectionTruncated(selection.report.rowsSelected, selection.report.rowsRequested)}`
              : ''}
          </Caption1>
        )}
      </Part>
      <Part title={labels.declarationsTitle} hint={labels.declarationsHint}>
        <Declarations evaluation={evaluation} labels={labels} />
      </Part>
      <Part title={labels.diagnosticsTitle}>
        <Diagnostics evaluation={evaluation} labels={labels} />
      </Part>
    </div>
  );
}
