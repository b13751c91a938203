import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, tokens } from '@fluentui/react-components';
import type { Labels } from '../labels';
import type { RuleFileState } from '../state';

const useStyles = makeStyles({
  errors: {
    margin: 0,
    marginTop: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalL,
    maxHeight: '240px',
    overflowY: 'auto',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    wordBreak: 'break-word',
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    marginTop: tokens.spacingVerticalXS,
  },
  term: {
    color: tokens.colorNeutralForeground3,
  },
  value: {
    margin: 0,
    wordBreak: 'break-word',
  },
  hash: {
    margin: 0,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    wordBreak: 'break-all',
  },
});

/** A rule file's verdict: its errors with their places, or what policy it is and its hash. */
export function RuleFileStatus({ rules, labels }: { rules: RuleFileState; labels: Labels }) {
  const styles = useStyles();
  if (rules.status === 'none') return null;
  if (rules.status === 'loading') return <Spinner size="tiny" labelPosition="after" label={labels.ruleLoading} />;
  if (rules.status === 'invalid') {
    return (
      <MessageBar intent="error" layout="multiline" data-testid="rule-errors">
        <MessageBarBody>
          <MessageBarTitle>{labels.ruleInvalidTitle(rules.errors.length)}</MessageBarTitle>
          <ul className={styles.errors}>
            {rules.errors.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </MessageBarBody>
      </MessageBar>
    );
  }
  const terms = rules.file.policy.terms;
  return (
    <MessageBar intent="success" layout="multiline" data-testid="rule-valid">
      <MessageBarBody>
        <MessageBarTitle>{labels.ruleValidTitle}</MessageBarTitle>
        <dl className={styles.facts}>
          <dt className={styles.term}>{labels.policyId}</dt>
          <dd className={styles.value} data-testid="policy-id">
            {terms.id}
          </dd>
          <dt className={styles.term}>{labels.policyVersion}</dt>
          <dd className={styles.value}>{terms.version}</dd>
          <dt className={styles.term}>{labels.insurer}</dt>
          <dd className={styles.value}>{terms.insurer}</dd>
          <dt className={styles.term}>{labels.hash}</dt>
          <dd className={styles.hash} data-testid="policy-hash">
            {rules.file.hash}
          </dd>
        </dl>
      </MessageBarBody>
    </MessageBar>
  );
}
