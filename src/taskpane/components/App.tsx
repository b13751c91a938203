import {
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle1,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense } from 'react';
import type { Connection } from '../connect';
import { labelsFor, type ErrorStep } from '../labels';
import { usePane } from '../use-pane';
import { AsOfDate } from './AsOfDate';
import { ColumnMapping } from './ColumnMapping';
import { ErrorBar } from './ErrorBar';
import { EvaluatePanel } from './EvaluatePanel';
import { RuleFilePicker } from './RuleFilePicker';
import { RuleFileStatus } from './RuleFileStatus';
import { Section } from './Section';
import { SheetPicker } from './SheetPicker';

// Loaded with the first result: DataGrid and the tables are not needed before, and the pane opens sooner.
const Summary = lazy(() => import(/* webpackChunkName: "summary" */ './Summary').then((m) => ({ default: m.Summary })));

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    boxSizing: 'border-box',
    minHeight: '100vh',
    paddingInline: tokens.spacingHorizontalL,
    paddingBottom: tokens.spacingVerticalXXL,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  header: {
    display: 'flex',
    flexDirection: 'column',
    paddingBlock: tokens.spacingVerticalM,
  },
  title: {
    margin: 0,
    color: tokens.colorBrandForeground1,
  },
  subtitle: {
    color: tokens.colorNeutralForeground3,
  },
  notice: {
    marginBottom: tokens.spacingVerticalM,
  },
});

/** The task pane: pick the ledger, the rule file and the date, evaluate, read the summary. */
export function App({ connection }: { connection: Connection }) {
  const styles = useStyles();
  const labels = labelsFor(connection.lang);
  const { state, ledger, canEvaluate, actions } = usePane(connection.host, labels, connection.defaultAsOf);
  const errorFor = (...steps: ErrorStep[]) =>
    state.error !== null && steps.includes(state.error.step) ? (
      <ErrorBar error={state.error} labels={labels} onDismiss={actions.dismissError} />
    ) : null;

  return (
    <main className={styles.root} lang={labels.lang}>
      <header className={styles.header}>
        <Subtitle1 as="h1" className={styles.title}>
          {labels.appTitle}
        </Subtitle1>
        <Caption1 className={styles.subtitle}>{labels.appSubtitle}</Caption1>
      </header>
      {connection.demoReason !== null && (
        <MessageBar className={styles.notice} intent="info" layout="multiline" data-testid="demo-notice">
          <MessageBarBody>
            <MessageBarTitle>{labels.demoNotice}</MessageBarTitle>
            <div>{labels.demoNoticeDetail}</div>
          </MessageBarBody>
        </MessageBar>
      )}

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
        {errorFor('sheet')}
      </Section>

      <Section title={labels.ruleSection}>
        <RuleFilePicker state={state} labels={labels} actions={actions} />
        <RuleFileStatus rules={state.rules} labels={labels} />
        {errorFor('rules')}
      </Section>

      <Section title={labels.evaluationSection}>
        <AsOfDate asOf={state.asOf} labels={labels} onChange={actions.setAsOf} />
        <EvaluatePanel state={state} enabled={canEvaluate} labels={labels} onEvaluate={actions.evaluate} />
        {errorFor('reading', 'evaluating', 'writing', 'storing')}
      </Section>

      {state.result !== null && (
        <Section title={labels.resultTitle}>
          <Suspense fallback={<Spinner size="tiny" />}>
            <Summary
              result={state.result}
              selection={state.selection}
              labels={labels}
              onSelectBuyer={actions.selectBuyer}
            />
          </Suspense>
          {errorFor('select')}
        </Section>
      )}
    </main>
  );
}
