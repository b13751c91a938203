import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  Dropdown,
  Label,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useState } from 'react';
import { ROLES, type ReadResult, type Role } from '../../sheet';
import type { Labels } from '../labels';
import type { RoleOverrides } from '../ledger-sheet';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 3fr)',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  dropdown: {
    minWidth: 0,
    width: '100%',
  },
  overridden: {
    fontWeight: tokens.fontWeightSemibold,
  },
  hint: {
    display: 'block',
    color: tokens.colorNeutralForeground3,
    marginBottom: tokens.spacingVerticalS,
  },
  footer: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    rowGap: tokens.spacingVerticalXS,
    marginTop: tokens.spacingVerticalS,
  },
  // Physical sides: Fluent sets paddingLeft/marginLeft, which logical properties would not override.
  headerButton: {
    paddingLeft: 0,
    paddingRight: 0,
  },
  panel: {
    marginLeft: 0,
    marginRight: 0,
    paddingBottom: tokens.spacingVerticalS,
  },
  details: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
  },
});

const BUCKET_ROLES: readonly Role[] = ['buyerId', 'buyerName', 'country', 'currency', 'total', 'sector', 'buyerType'];

/** The roles worth showing for a layout: those the reader uses for it. */
function rolesFor(layout: 'invoice' | 'bucket' | null): readonly Role[] {
  if (layout === 'bucket') return BUCKET_ROLES;
  if (layout === 'invoice') return ROLES.filter((r) => r !== 'total');
  return ROLES;
}

interface Props {
  ledger: ReadResult;
  overrides: RoleOverrides;
  labels: Labels;
  onMap: (role: Role, header: string) => void;
  onReset: () => void;
}

/** How the columns were understood (role → header), with a dropdown per role to correct it. */
export function ColumnMapping({ ledger, overrides, labels, onMap, onReset }: Props) {
  const styles = useStyles();
  const idPrefix = useId('role');
  const [open, setOpen] = useState(false);
  const { mapping } = ledger;
  const failed = ledger.ledger === null;
  const headers = [...new Set(mapping.headers.filter((h) => h.trim() !== ''))];
  const found = Object.keys(mapping.columns).length + mapping.buckets.length;
  const errors = ledger.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);

  return (
    <>
      {failed && (
        <MessageBar intent="error" layout="multiline" data-testid="no-ledger">
          <MessageBarBody>
            <MessageBarTitle>{labels.noLedgerTitle}</MessageBarTitle>
            <ul className={styles.details}>
              {errors.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {headers.length > 0 && (
        <Accordion
          collapsible
          openItems={open || failed ? ['columns'] : []}
          onToggle={(_, data) => setOpen(data.openItems.includes('columns'))}
        >
          <AccordionItem value="columns">
            <AccordionHeader size="small" expandIconPosition="end" button={{ className: styles.headerButton }}>
              {labels.mappingTitle} · {labels.columnsFound(found)}
            </AccordionHeader>
            <AccordionPanel className={styles.panel}>
              <Caption1 className={styles.hint}>{labels.mappingHint}</Caption1>
              <div className={styles.grid}>
                {rolesFor(mapping.layout).map((role) => {
                  const current = mapping.columns[role]?.header;
                  const id = `${idPrefix}-${role}`;
                  return [
                    <Label
                      key={`${role}-label`}
                      id={id}
                      size="small"
                      className={overrides[role] ? styles.overridden : undefined}
                    >
                      {labels.roles[role]}
                    </Label>,
                    <Dropdown
                      key={`${role}-dropdown`}
                      aria-labelledby={id}
                      data-role={role}
                      size="small"
                      className={styles.dropdown}
                      placeholder={labels.notFound}
                      value={current ?? ''}
                      selectedOptions={current === undefined ? [] : [current]}
                      onOptionSelect={(_, data) => {
                        if (data.optionValue !== undefined && data.optionValue !== current)
                          onMap(role, data.optionValue);
                      }}
                    >
                      {headers.map((header) => (
                        <Option key={header} value={header}>
                          {header}
                        </Option>
                      ))}
                    </Dropdown>,
                  ];
                })}
              </div>
              <div className={styles.footer}>
                {mapping.buckets.length > 0 && (
                  <Caption1>{labels.buckets(mapping.buckets.map((b) => b.header).join(', '))}</Caption1>
                )}
                {Object.keys(overrides).length > 0 && (
                  <Button size="small" appearance="secondary" onClick={onReset}>
                    {labels.resetMapping}
                  </Button>
                )}
              </div>
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      )}
    </>
  );
}
