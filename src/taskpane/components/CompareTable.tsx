import {
  Caption1,
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { Fragment, useMemo } from 'react';
import type { ComparisonReport } from '../../broker';
import { figureGroups, type FigureRow } from '../compare-figures';
import { formatMoney } from '../format';
import type { Labels } from '../labels';

const useStyles = makeStyles({
  // Three or four policies may not fit a narrow pane: the table scrolls sideways, its labels stay.
  scroll: {
    overflowX: 'auto',
    maxWidth: '100%',
  },
  table: {
    tableLayout: 'auto',
  },
  label: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    minWidth: '6rem',
    backgroundColor: tokens.colorNeutralBackground1,
    wordBreak: 'break-word',
    paddingBlock: tokens.spacingVerticalXXS,
    paddingLeft: 0,
  },
  grouped: {
    paddingLeft: tokens.spacingHorizontalM,
  },
  // A heading spans the row, its hint too: no narrow column to wrap in.
  group: {
    fontWeight: tokens.fontWeightSemibold,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalXXS,
    paddingLeft: 0,
  },
  // Physical sides: Fluent pads cells on the left and right, which logical properties would not override.
  amount: {
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalXS,
  },
  headerEnd: {
    justifyContent: 'flex-end',
  },
  note: {
    display: 'block',
    maxWidth: '6rem',
    marginLeft: 'auto',
    textAlign: 'right',
    color: tokens.colorNeutralForeground3,
    whiteSpace: 'normal',
  },
  footnote: {
    display: 'block',
    marginTop: tokens.spacingVerticalXS,
    color: tokens.colorNeutralForeground3,
  },
  good: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
});

/** The policies side by side: one column per policy (A, B …), one row per figure, as `compare` prints them. */
export function CompareTable({ report, labels }: { report: ComparisonReport; labels: Labels }) {
  const styles = useStyles();
  const groups = useMemo(() => figureGroups(report, labels), [report, labels]);
  const keys = report.policies.map((p) => p.key);
  const footnotes = groups.filter((group) => group.heading !== null && group.hint !== null);
  const tone = (row: FigureRow): string | undefined =>
    row.tone === 'good' ? styles.good : row.tone === 'bad' ? styles.bad : undefined;
  return (
    <div>
      <div className={styles.scroll}>
        <Table
          size="extra-small"
          className={styles.table}
          aria-label={labels.compareResultTitle}
          data-testid="compare-table"
        >
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.label}>{labels.compareFigure}</TableHeaderCell>
              {report.policies.map((p) => (
                <TableHeaderCell
                  key={p.key}
                  className={styles.amount}
                  button={{ className: styles.headerEnd }}
                  title={`${p.id} ${p.version}`}
                >
                  {p.key}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {groups.map((group, g) => (
              <Fragment key={group.heading ?? `group-${g}`}>
                {group.heading !== null && (
                  <TableRow>
                    <TableCell colSpan={keys.length + 1} className={mergeClasses(styles.label, styles.group)}>
                      {group.heading}
                      {group.hint !== null && ' *'}
                    </TableCell>
                  </TableRow>
                )}
                {group.rows.map((row) => (
                  <TableRow key={row.id} data-figure={row.id}>
                    <TableCell className={mergeClasses(styles.label, row.grouped && styles.grouped)}>
                      {row.label}
                    </TableCell>
                    {row.values.map((value, i) => (
                      <TableCell key={keys[i]} className={mergeClasses(styles.amount, tone(row))} data-policy={keys[i]}>
                        {value === null ? (
                          <>—{row.notes[i] !== null && <Caption1 className={styles.note}>{row.notes[i]}</Caption1>}</>
                        ) : (
                          formatMoney(value, report.currency, labels)
                        )}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </Fragment>
            ))}
          </TableBody>
        </Table>
      </div>
      {footnotes.map((group) => (
        <Caption1 key={group.heading} className={styles.footnote}>
          * {group.hint}
        </Caption1>
      ))}
    </div>
  );
}
