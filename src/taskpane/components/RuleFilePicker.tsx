import {
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  Tab,
  TabList,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { Labels, RuleSourceKind } from '../labels';
import { SAMPLE_RULE_FILES, sampleTitle } from '../samples';
import type { PaneState } from '../state';
import type { PaneActions } from '../use-pane';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalXS,
  },
  stack: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  row: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  dropdown: {
    minWidth: 0,
    width: '100%',
  },
  optionDetail: {
    display: 'block',
    color: tokens.colorNeutralForeground3,
  },
  fileName: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    color: tokens.colorNeutralForeground2,
  },
  hiddenInput: {
    display: 'none',
  },
  tabs: {
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`,
  },
  textarea: {
    fontFamily: tokens.fontFamilyMonospace,
  },
  alignEnd: {
    alignSelf: 'flex-end',
  },
});

interface Props {
  state: PaneState;
  labels: Labels;
  actions: PaneActions;
}

/** Where the rule file comes from: a bundled sample, a local file, an https address, or a paste. */
export function RuleFilePicker({ state, labels, actions }: Props) {
  const styles = useStyles();
  const fileInput = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState('');
  const [pasted, setPasted] = useState('');
  const { rules } = state;
  const chosen = (source: RuleSourceKind): string | null =>
    rules.status !== 'none' && rules.source === source ? rules.name : null;
  const busy = rules.status === 'loading';
  const tabs: RuleSourceKind[] = [
    ...(state.storedPolicy ? ['workbook' as const] : []),
    'sample',
    'file',
    'url',
    'paste',
  ];
  const sample = chosen('sample');

  return (
    <div>
      <TabList
        className={styles.tabs}
        size="small"
        selectedValue={state.ruleTab}
        onTabSelect={(_, data) => actions.showRuleTab(data.value as RuleSourceKind)}
      >
        {tabs.map((tab) => (
          <Tab key={tab} value={tab} data-testid={`rule-tab-${tab}`}>
            {labels.sources[tab]}
          </Tab>
        ))}
      </TabList>
      <div className={styles.panel}>
        {state.ruleTab === 'workbook' && state.storedPolicy && (
          <Caption1>{labels.workbookPolicy(`${state.storedPolicy.id} ${state.storedPolicy.version}`)}</Caption1>
        )}
        {state.ruleTab === 'sample' && (
          <Field label={labels.sampleLabel}>
            <Dropdown
              data-testid="sample-picker"
              className={styles.dropdown}
              placeholder={labels.samplePlaceholder}
              value={sample ?? ''}
              selectedOptions={sample === null ? [] : [sample]}
              onOptionSelect={(_, data) => {
                const picked = SAMPLE_RULE_FILES.find((s) => s.fileName === data.optionValue);
                if (picked) actions.loadSample(picked);
              }}
            >
              {SAMPLE_RULE_FILES.map((s) => {
                const title = sampleTitle(s);
                return (
                  <Option key={s.key} value={s.fileName} text={s.fileName} data-sample={s.key}>
                    <span>
                      {s.fileName}
                      <Caption1 className={styles.optionDetail}>
                        {title.id} · {title.insurer}
                      </Caption1>
                    </span>
                  </Option>
                );
              })}
            </Dropdown>
          </Field>
        )}
        {state.ruleTab === 'file' && (
          <div className={styles.row}>
            <input
              ref={fileInput}
              className={styles.hiddenInput}
              type="file"
              accept=".json,application/json"
              data-testid="rule-file-input"
              onChange={(event) => {
                const file = event.target.files?.[0];
                // Cleared so that choosing the same file again (after editing it) reads it again.
                event.target.value = '';
                if (file) actions.loadFile(file);
              }}
            />
            <Button disabled={busy} onClick={() => fileInput.current?.click()}>
              {labels.chooseFile}
            </Button>
            <Caption1 className={styles.fileName}>{chosen('file') ?? labels.noFileChosen}</Caption1>
          </div>
        )}
        {state.ruleTab === 'url' && (
          <form
            className={styles.stack}
            onSubmit={(event) => {
              event.preventDefault();
              if (url.trim() !== '') actions.loadUrl(url);
            }}
          >
            <Field label={labels.urlLabel} hint={labels.urlHint}>
              <Input
                type="url"
                inputMode="url"
                placeholder="https://"
                value={url}
                onChange={(_, data) => setUrl(data.value)}
              />
            </Field>
            <Button className={styles.alignEnd} type="submit" disabled={busy || url.trim() === ''}>
              {labels.load}
            </Button>
          </form>
        )}
        {state.ruleTab === 'paste' && (
          <>
            <Field label={labels.pasteLabel}>
              <Textarea
                className={styles.textarea}
                resize="vertical"
                rows={6}
                placeholder={labels.pastePlaceholder}
                value={pasted}
                onChange={(_, data) => setPasted(data.value)}
              />
            </Field>
            <Button className={styles.alignEnd} disabled={busy} onClick={() => actions.loadPasted(pasted)}>
              {labels.check}
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
