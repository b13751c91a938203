import {
  Caption1,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import type { ComparisonReport } from '../../broker';
import { BUYERS_SHOWN, differingBuyers } from '../compare-figures';
import { formatMoney } from '../format';
import type { Labels } from '../labels';

const useStyles = makeStyles({
  table: {
    tableLayout: 'fixed',
  },
  stack: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    paddingBlock: tokens.spacingVerticalXXS,
  },
  name: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  reason: {
    color: tokens.colorNeutralForeground2,
    wordBreak: 'break-word',
  },
  // Physical sides, as Fluent sets them: the table lines up with the figures above it.
  amounts: {
    width: '8.5rem',
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
    verticalAlign: 'top',
    paddingRight: tokens.spacingHorizontalXS,
  },
  buyer: {
    verticalAlign: 'top',
    paddingLeft: 0,
  },
  headerEnd: {
    justifyContent: 'flex-end',
  },
  key: {
    color: tokens.colorNeutralForeground3,
    marginRight: tokens.spacingHorizontalXS,
  },
  note: {
    color: tokens.colorNeutralForeground3,
  },
});

/** The buyers whose covered amount differs, largest gap first, each with why, against policy A. */
export function DifferingBuyers({ report, labels }: { report: ComparisonReport; labels: Labels }) {
  const styles = useStyles();
  if (report.buyers.length === 0) return <Caption1 className={styles.note}>{labels.compareNoDifference}</Caption1>;
  const buyers = differingBuyers(report, labels.lang);
  const money = (n: number | null): string => (n === null ? '—' : formatMoney(n, report.currency, labels));
  return (
    <>
      <Caption1 className={styles.note}>{labels.compareBuyersCount(report.buyers.length, report.buyerCount)}</Caption1>
      <Table
        size="extra-small"
        className={styles.table}
        aria-label={labels.compareBuyersTitle}
        data-testid="compare-buyers"
      >
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.buyer}>{labels.buyer}</TableHeaderCell>
            <TableHeaderCell className={styles.amounts} button={{ className: styles.headerEnd }}>
              {labels.output.summary.covered}
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {buyers.map((b) => (
            <TableRow key={b.buyerId} data-buyer={b.buyerId}>
              <TableCell className={styles.buyer}>
                <div className={styles.stack}>
                  <span className={styles.name} title={b.buyerName ?? undefined}>
                    {b.buyerName ?? b.buyerId}
                  </span>
                  {b.buyerName !== null && <Caption1 className={styles.muted}>{b.buyerId}</Caption1>}
                  {b.reasons.map((r) => (
                    <Caption1 key={r.key} className={styles.reason} data-reason={r.key}>
                      {labels.compareReason(r.key, r.text)}
                    </Caption1>
                  ))}
                </div>
              </TableCell>
              <TableCell className={styles.amounts}>
                <div className={styles.stack}>
                  {b.covered.map((c) => (
                    <span key={c.key} data-policy={c.key}>
                      <span className={styles.key}>{c.key}</span>
                      {money(c.amount)}
                    </span>
                  ))}
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {report.buyers.length > BUYERS_SHOWN && (
        <Caption1 className={styles.note}>{labels.compareMoreBuyers(report.buyers.length - BUYERS_SHOWN)}</Caption1>
      )}
    </>
  );
}
