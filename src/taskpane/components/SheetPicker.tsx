import { Dropdown, Field, Option, Spinner } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ReadResult } from '../../sheet';
import type { Labels } from '../labels';
import { ledgerPreview } from '../ledger-sheet';
import { currentSheetName, type PaneState } from '../state';

interface Props {
  state: PaneState;
  ledger: ReadResult | null;
  labels: Labels;
  onSelect: (sheetName: string) => void;
}

/** The sheet holding the ledger (the active one at first), and where its headers were found. */
export function SheetPicker({ state, ledger, labels, onSelect }: Props) {
  const current = currentSheetName(state);
  let hint: ReactNode = undefined;
  if (state.sheet.status === 'loading') hint = <Spinner size="extra-tiny" label={labels.sheetReading} />;
  else if (state.sheet.status === 'ready') {
    if (state.sheet.read.usedRange === null) hint = labels.sheetEmpty;
    else if (ledger !== null && ledger.headerRow > 0) {
      const layout = ledger.mapping.layout === null ? '' : labels.layouts[ledger.mapping.layout];
      const preview = ledgerPreview(ledger);
      hint = (
        <>
          {labels.headerRow(ledger.headerRow, layout)}
          {preview !== null && (
            <>
              <br />
              {labels.rowsPreview(preview.rows, preview.unreadable)}
            </>
          )}
        </>
      );
    }
  }
  return (
    <Field label={labels.sheetLabel} hint={hint}>
      <Dropdown
        data-testid="sheet-picker"
        placeholder={labels.sheetPlaceholder}
        value={current ?? ''}
        selectedOptions={current === null ? [] : [current]}
        onOptionSelect={(_, data) => {
          if (data.optionValue !== undefined && data.optionValue !== current) onSelect(data.optionValue);
        }}
      >
        {state.sheets.map((name) => (
          <Option key={name} value={name}>
            {name}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
