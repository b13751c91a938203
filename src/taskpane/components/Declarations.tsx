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
import type { Evaluation } from '../../domain';
import { formatDate, formatMoney } from '../format';
import type { Labels } from '../labels';
import { declarations, DECLARATIONS_SHOWN } from '../summary-lists';

const useStyles = makeStyles({
  stack: {
    minWidth: 0,
    paddingBlock: tokens.spacingVerticalXXS,
  },
  ellipsis: {
    display: 'block',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  muted: {
    display: 'block',
    color: tokens.colorNeutralForeground3,
    whiteSpace: 'nowrap',
  },
  urgent: {
    display: 'block',
    color: tokens.colorPaletteDarkOrangeForeground1,
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
  },
  date: {
    width: '6.5rem',
  },
  amount: {
    width: '6.5rem',
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  },
  table: {
    tableLayout: 'fixed',
  },
  headerEnd: {
    justifyContent: 'flex-end',
  },
  note: {
    color: tokens.colorNeutralForeground3,
  },
});

/** Declarations the insurer expects, earliest deadline first. */
export function Declarations({ evaluation, labels }: { evaluation: Evaluation; labels: Labels }) {
  const styles = useStyles();
  const all = declarations(evaluation);
  if (all.length === 0) return <Caption1 className={styles.note}>{labels.none}</Caption1>;
  const shown = all.slice(0, DECLARATIONS_SHOWN);
  const urgentDays = 15;
  return (
    <>
      <Table
        size="extra-small"
        className={styles.table}
        aria-label={labels.declarationsTitle}
        data-testid="declarations"
      >
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{labels.invoice}</TableHeaderCell>
            <TableHeaderCell className={styles.date}>{labels.declareBy}</TableHeaderCell>
            <TableHeaderCell className={styles.amount} button={{ className: styles.headerEnd }}>
              {labels.output.summary.open}
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map(({ line, buyerName, daysLeft }) => (
            <TableRow key={`${line.row}-${line.bucket ?? ''}`}>
              <TableCell>
                <div className={styles.stack}>
                  <span className={styles.ellipsis}>{buyerName ?? line.buyerId}</span>
                  <Caption1 className={styles.muted}>
                    {line.invoiceNo ?? line.bucket ?? ''} · {labels.row.toLowerCase()} {line.row}
                  </Caption1>
                </div>
              </TableCell>
              <TableCell className={styles.date}>
                <div className={styles.stack}>
                  <span>{line.declareBy === null ? '' : formatDate(line.declareBy, labels)}</span>
                  {daysLeft !== null && (
                    <Caption1 className={daysLeft <= urgentDays ? styles.urgent : styles.muted}>
                      {labels.daysLeft(daysLeft)}
                    </Caption1>
                  )}
                </div>
              </TableCell>
              <TableCell className={styles.amount}>
                {formatMoney(line.open, evaluation.policy.currency, labels)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {all.length > shown.length && (
        <Caption1 className={styles.note}>{labels.more(all.length - shown.length)}</Caption1>
      )}
    </>
  );
}
