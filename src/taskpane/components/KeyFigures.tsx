import {
  Caption1,
  Card,
  makeStyles,
  mergeClasses,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import type { Evaluation } from '../../domain';
import type { SummaryItem, SummaryModel } from '../../sheet/output';
import { formatCount, formatMoney } from '../format';
import type { Labels } from '../labels';

const useStyles = makeStyles({
  cards: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalS,
  },
  card: {
    rowGap: tokens.spacingVerticalXXS,
    paddingBlock: tokens.spacingVerticalS,
  },
  label: {
    color: tokens.colorNeutralForeground3,
  },
  value: {
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  good: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  figure: {
    width: '8rem',
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  },
  details: {
    marginTop: tokens.spacingVerticalS,
    tableLayout: 'auto',
  },
});

/** The figures on the cards; the other totals and counts go in the table under them. */
const CARDS = ['open', 'covered', 'uninsured', 'portfolioIndemnity'] as const;

interface Props {
  evaluation: Evaluation;
  model: SummaryModel;
  labels: Labels;
}

/** The portfolio's totals: four cards, then every other total and the row counts. */
export function KeyFigures({ evaluation, model, labels }: Props) {
  const styles = useStyles();
  const currency = evaluation.policy.currency;
  const show = (item: SummaryItem): string =>
    typeof item.value !== 'number'
      ? ''
      : item.kind === 'count'
        ? formatCount(item.value, labels)
        : formatMoney(item.value, currency, labels);
  const byKey = new Map(model.totals.items.map((item) => [item.key, item]));
  const tone: Partial<Record<(typeof CARDS)[number], string>> = { covered: styles.good, uninsured: styles.bad };
  const rest = [
    ...model.totals.items.filter((item) => !(CARDS as readonly string[]).includes(item.key)),
    ...model.counts.items,
  ];

  return (
    <div>
      <div className={styles.cards}>
        {CARDS.map((key) => {
          const item = byKey.get(key);
          if (item === undefined) return null;
          return (
            <Card key={key} className={styles.card} size="small" appearance="outline" data-testid={`total-${key}`}>
              <Caption1 className={styles.label}>{item.label}</Caption1>
              <Subtitle2 className={mergeClasses(styles.value, tone[key])}>{show(item)}</Subtitle2>
            </Card>
          );
        })}
      </div>
      <Table size="extra-small" className={styles.details} aria-label={labels.otherFigures}>
        <TableBody>
          {rest.map((item) => (
            <TableRow key={item.key}>
              <TableCell>{item.label}</TableCell>
              <TableCell className={styles.figure}>{show(item)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
