import {
  Caption1,
  createTableColumn,
  DataGrid,
  DataGridBody,
  DataGridCell,
  DataGridHeader,
  DataGridHeaderCell,
  DataGridRow,
  makeStyles,
  mergeClasses,
  tokens,
  type TableColumnDefinition,
} from '@fluentui/react-components';
import type { KeyboardEvent } from 'react';
import type { BuyerResult, Evaluation } from '../../domain';
import { formatMoney } from '../format';
import type { Labels } from '../labels';
import type { BuyerSelection } from '../state';
import { topUninsured } from '../summary-lists';

const useStyles = makeStyles({
  amount: {
    flexGrow: 0,
    flexShrink: 0,
    flexBasis: '9rem',
    justifyContent: 'flex-end',
    textAlign: 'right',
  },
  headerEnd: {
    justifyContent: 'flex-end',
  },
  buyer: {
    minWidth: 0,
  },
  stack: {
    minWidth: 0,
    paddingBlock: tokens.spacingVerticalXXS,
  },
  line: {
    display: 'block',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  muted: {
    display: 'block',
    color: tokens.colorNeutralForeground3,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  figure: {
    display: 'block',
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
    color: tokens.colorPaletteRedForeground1,
  },
  row: {
    cursor: 'pointer',
  },
  selected: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
  },
});

interface Props {
  evaluation: Evaluation;
  selection: BuyerSelection | null;
  labels: Labels;
  onSelect: (buyerId: string) => void;
}

/** The top buyers by uninsured exposure; choosing one selects its rows in the ledger. */
export function TopBuyers({ evaluation, selection, labels, onSelect }: Props) {
  const styles = useStyles();
  const money = (amount: number): string => formatMoney(amount, evaluation.policy.currency, labels);
  const columns: TableColumnDefinition<BuyerResult>[] = [
    createTableColumn<BuyerResult>({
      columnId: 'buyer',
      renderHeaderCell: () => labels.buyer,
      renderCell: (b) => (
        <div className={styles.stack}>
          <span className={styles.line} title={b.buyerName ?? undefined}>
            {b.buyerName ?? b.buyerId}
          </span>
          <Caption1 className={styles.muted}>
            {b.buyerId}
            {b.country ? ` · ${b.country}` : ''}
          </Caption1>
        </div>
      ),
    }),
    createTableColumn<BuyerResult>({
      columnId: 'uninsured',
      renderHeaderCell: () => labels.output.summary.uninsured,
      renderCell: (b) => (
        <div className={styles.stack}>
          <span className={styles.figure}>{money(b.uninsured)}</span>
          <Caption1 className={styles.muted}>{labels.ofOpen(money(b.open))}</Caption1>
        </div>
      ),
    }),
  ];
  const isAmount = (columnId: string | number): boolean => columnId !== 'buyer';

  return (
    <DataGrid
      items={topUninsured(evaluation)}
      columns={columns}
      getRowId={(b: BuyerResult) => b.buyerId}
      size="small"
      focusMode="row_unstable"
      aria-label={labels.topBuyersTitle}
      data-testid="top-buyers"
    >
      <DataGridHeader>
        <DataGridRow>
          {({ renderHeaderCell, columnId }) => (
            <DataGridHeaderCell
              className={isAmount(columnId) ? styles.amount : styles.buyer}
              button={isAmount(columnId) ? { className: styles.headerEnd } : undefined}
            >
              {renderHeaderCell()}
            </DataGridHeaderCell>
          )}
        </DataGridRow>
      </DataGridHeader>
      <DataGridBody<BuyerResult>>
        {({ item, rowId }) => (
          <DataGridRow<BuyerResult>
            key={rowId}
            data-buyer={item.buyerId}
            className={mergeClasses(styles.row, selection?.buyerId === item.buyerId && styles.selected)}
            aria-selected={selection?.buyerId === item.buyerId}
            onClick={() => onSelect(item.buyerId)}
            onKeyDown={(event: KeyboardEvent<HTMLDivElement>) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                onSelect(item.buyerId);
              }
            }}
          >
            {({ renderCell, columnId }) => (
              <DataGridCell className={isAmount(columnId) ? styles.amount : styles.buyer}>
                {renderCell(item)}
              </DataGridCell>
            )}
          </DataGridRow>
        )}
      </DataGridBody>
    </DataGrid>
  );
}
