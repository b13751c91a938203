import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { ComparisonReport } from '../../broker';
import { coverBars } from '../compare-figures';
import { formatMoney } from '../format';
import type { Labels } from '../labels';

const useStyles = makeStyles({
  chart: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXXS,
  },
  legendItem: {
    display: 'inline-flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXS,
  },
  swatch: {
    display: 'inline-block',
    width: '10px',
    height: '10px',
    borderRadius: tokens.borderRadiusSmall,
  },
  row: {
    display: 'grid',
    gridTemplateColumns: '1.5rem minmax(0, 1fr)',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
  },
  key: {
    fontWeight: tokens.fontWeightSemibold,
  },
  track: {
    display: 'flex',
    height: '16px',
    overflow: 'hidden',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  covered: {
    backgroundColor: tokens.colorPaletteGreenBackground3,
  },
  uninsured: {
    backgroundColor: tokens.colorPaletteRedBackground3,
  },
  figures: {
    gridColumnStart: 2,
    fontVariantNumeric: 'tabular-nums',
    color: tokens.colorNeutralForeground3,
  },
  coveredText: { color: tokens.colorPaletteGreenForeground1 },
  uninsuredText: { color: tokens.colorPaletteRedForeground1 },
});

const percent = (share: number): string => `${(share * 100).toFixed(2)}%`;

/** Covered and uninsured per policy as stacked bars to one scale (CSS, Fluent's palette); the figures under each. */
export function CoverChart({ report, labels }: { report: ComparisonReport; labels: Labels }) {
  const styles = useStyles();
  const money = (n: number): string => formatMoney(n, report.currency, labels);
  const bars = coverBars(report);
  const { covered, uninsured } = labels.output.summary;
  return (
    <div className={styles.chart} data-testid="compare-chart">
      <div className={styles.legend} aria-hidden>
        <Caption1 className={styles.legendItem}>
          <span className={`${styles.swatch} ${styles.covered}`} />
          {covered}
        </Caption1>
        <Caption1 className={styles.legendItem}>
          <span className={`${styles.swatch} ${styles.uninsured}`} />
          {uninsured}
        </Caption1>
      </div>
      {bars.map((bar) => (
        <div
          key={bar.key}
          className={styles.row}
          role="img"
          aria-label={labels.compareChartBar(bar.key, money(bar.covered), money(bar.uninsured))}
          data-policy={bar.key}
        >
          <span className={styles.key} aria-hidden>
            {bar.key}
          </span>
          <div className={styles.track} aria-hidden>
            <div className={styles.covered} style={{ width: percent(bar.coveredShare) }} />
            <div className={styles.uninsured} style={{ width: percent(bar.uninsuredShare) }} />
          </div>
          <Caption1 className={styles.figures} aria-hidden>
            <span className={styles.coveredText}>{money(bar.covered)}</span> ·{' '}
            <span className={styles.uninsuredText}>{money(bar.uninsured)}</span>
          </Caption1>
        </div>
      ))}
    </div>
  );
}
