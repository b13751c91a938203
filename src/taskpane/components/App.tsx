import {
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle1,
  Tab,
  TabList,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, type ReactNode } from 'react';
import type { Connection } from '../connect';
import { labelsFor, type ErrorStep, type PaneTab } from '../labels';
import { usePane } from '../use-pane';
import { AsOfDate } from './AsOfDate';
import { ErrorBar } from './ErrorBar';
import { EvaluatePanel } from './EvaluatePanel';
import { LedgerSection } from './LedgerSection';
import { RuleFilePicker } from './RuleFilePicker';
import { RuleFileStatus } from './RuleFileStatus';
import { Section } from './Section';

// Loaded with the first result: DataGrid and the tables are not needed before, and the pane opens sooner.
const Summary = lazy(() => import(/* webpackChunkName: "summary" */ './Summary').then((m) => ({ default: m.Summary })));
// Loaded when the tab is first shown, with the broker layer: most evaluations never compare.
const CompareTab = lazy(() =>
  import(/* webpackChunkName: "compare" */ './CompareTab').then((m) => ({ default: m.CompareTab })),
);

const TABS: readonly PaneTab[] = ['evaluate', 'compare'];

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
  // Physical side: Fluent pads a tab on its left; the first tab's text lines up with the title.
  tabs: {
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalMNudge})`,
    marginBottom: tokens.spacingVerticalXS,
  },
  waiting: {
    paddingBlock: tokens.spacingVerticalM,
  },
});

/**
 * The task pane: pick the ledger, the rule file and the date, evaluate, read the summary; or, in
 * the Compare tab, set several policies side by side on the same ledger.
 */
export function App({ connection }: { connection: Connection }) {
  const styles = useStyles();
  const labels = labelsFor(connection.lang);
  const pane = usePane(connection.host, labels, connection.defaultAsOf);
  const { state, ledger, canEvaluate, actions } = pane;
  const errorFor = (...steps: ErrorStep[]): ReactNode =>
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
      <TabList
        className={styles.tabs}
        selectedValue={state.tab}
        onTabSelect={(_, data) => actions.showTab(data.value as PaneTab)}
      >
        {TABS.map((tab) => (
          <Tab key={tab} value={tab} data-testid={`pane-tab-${tab}`}>
            {labels.paneTabs[tab]}
          </Tab>
        ))}
      </TabList>

      {state.tab === 'compare' ? (
        <Suspense fallback={<Spinner className={styles.waiting} size="small" />}>
          <CompareTab pane={pane} labels={labels} errorFor={errorFor} />
        </Suspense>
      ) : (
        <>
          <LedgerSection state={state} ledger={ledger} labels={labels} actions={actions}>
            {errorFor('sheet')}
          </LedgerSection>

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
        </>
      )}
    </main>
  );
}
