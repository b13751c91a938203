import type { ReactNode } from 'react';
import type { ReadResult } from '../../sheet';
import type { Labels } from '../labels';
import type { PaneState } from '../state';
import type { PaneActions } from '../use-pane';
import { ColumnMapping } from './ColumnMapping';
import { Section } from './Section';
import { SheetPicker } from './SheetPicker';

interface Props {
  state: PaneState;
  ledger: ReadResult | null;
  labels: Labels;
  actions: PaneActions;
  /** Under the pickers: a hint, the sheet's error. */
  children?: ReactNode;
}

/** The sheet and how its columns were understood: one state, shown in the Evaluate and the Compare tab. */
export function LedgerSection({ state, ledger, labels, actions, children }: Props) {
  return (
    <Section title={labels.sheetSection}>
      <SheetPicker state={state} ledger={ledger} labels={labels} onSelect={actions.selectSheet} />
      {ledger !== null && state.sheet.status === 'ready' && state.sheet.read.usedRange !== null && (
        <ColumnMapping
          ledger={ledger}
          overrides={state.overrides}
          labels={labels}
          onMap={actions.mapColumn}
          onReset={actions.resetColumns}
        />
      )}
      {children}
    </Section>
  );
}
