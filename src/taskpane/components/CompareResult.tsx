import { Badge, Body1Strong, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { formatDate } from '../format';
import type { Labels } from '../labels';
import type { ComparisonRun } from '../run-comparison';
import { CompareTable } from './CompareTable';
import { CoverChart } from './CoverChart';
import { DifferingBuyers } from './DifferingBuyers';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
  },
  part: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
  },
  heading: {
    margin: 0,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  policies: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr)',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  policy: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    margin: 0,
  },
  policyName: {
    wordBreak: 'break-word',
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

/** A comparison: which policy is A, B …, the figures side by side, covered vs uninsured, the buyers that differ. */
export function CompareResult({ run, labels }: { run: ComparisonRun; labels: Labels }) {
  const styles = useStyles();
  const { report } = run;
  return (
    <div className={styles.root} data-testid="comparison">
      <div className={styles.part}>
        <Caption1 className={styles.muted}>
          {labels.compareSubtitle(formatDate(run.asOf, labels), run.sheetName)}
        </Caption1>
        <dl className={styles.policies} aria-label={labels.comparePolicies}>
          {report.policies.map((p) => [
            <dt key={`${p.key}-key`}>
              <Badge size="small" appearance="filled">
                {p.key}
              </Badge>
            </dt>,
            <dd key={`${p.key}-policy`} className={styles.policy} data-policy={p.key}>
              <span className={styles.policyName}>
                {p.id} {p.version}
              </span>
              <Caption1 className={styles.muted}>{[p.source, p.insurer].filter(Boolean).join(' · ')}</Caption1>
            </dd>,
          ])}
        </dl>
      </div>
      <CompareTable report={report} labels={labels} />
      <Part title={labels.compareChartTitle}>
        <CoverChart report={report} labels={labels} />
      </Part>
      <Part title={labels.compareBuyersTitle} hint={labels.compareBuyersHint(report.policies[0].key)}>
        <DifferingBuyers report={report} labels={labels} />
      </Part>
    </div>
  );
}
