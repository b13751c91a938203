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
import type { Diagnostic, Evaluation } from '../../domain';
import type { Labels } from '../labels';
import { DIAGNOSTICS_SHOWN, sortedDiagnostics } from '../summary-lists';

const useStyles = makeStyles({
  table: {
    tableLayout: 'fixed',
  },
  row: {
    width: '3rem',
    fontVariantNumeric: 'tabular-nums',
  },
  column: {
    width: '6.5rem',
  },
  wrap: {
    wordBreak: 'break-word',
    paddingBlock: tokens.spacingVerticalXXS,
  },
  error: { borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteRedBorder2}` },
  warning: { borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteDarkOrangeBorder2}` },
  info: { borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}` },
  note: {
    color: tokens.colorNeutralForeground3,
  },
});

/** What the reader and the evaluation reported, errors first: the row, the column, the message. */
export function Diagnostics({ evaluation, labels }: { evaluation: Evaluation; labels: Labels }) {
  const styles = useStyles();
  const all = sortedDiagnostics(evaluation);
  if (all.length === 0) return <Caption1 className={styles.note}>{labels.none}</Caption1>;
  const shown = all.slice(0, DIAGNOSTICS_SHOWN);
  const severity = (d: Diagnostic): string => styles[d.severity];
  const count = (level: Diagnostic['severity']): number => all.filter((d) => d.severity === level).length;
  return (
    <>
      <Caption1 className={styles.note}>
        {labels.diagnosticCounts({ error: count('error'), warning: count('warning'), info: count('info') })}
      </Caption1>
      <Table size="extra-small" className={styles.table} aria-label={labels.diagnosticsTitle} data-testid="diagnostics">
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.row}>{labels.row}</TableHeaderCell>
            <TableHeaderCell className={styles.column}>{labels.column}</TableHeaderCell>
            <TableHeaderCell>{labels.message}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((d, i) => (
            <TableRow key={i} className={severity(d)} title={labels.output.severity[d.severity]}>
              <TableCell className={styles.row}>{d.row ?? ''}</TableCell>
              <TableCell className={styles.column}>
                <span className={styles.wrap}>{d.column ?? ''}</span>
              </TableCell>
              <TableCell>
                <div className={styles.wrap}>{d.message}</div>
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
