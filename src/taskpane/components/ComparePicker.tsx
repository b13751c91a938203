import { Badge, Caption1, Checkbox, makeStyles, tokens, useId } from '@fluentui/react-components';
import { MAX_COMPARED, pickedKeys, type CompareCandidate } from '../compare-selection';
import type { Labels } from '../labels';

const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    // Fluent pads the box on its left; the boxes line up with the section's text.
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`,
  },
  hint: {
    color: tokens.colorNeutralForeground3,
  },
  label: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
  },
  nameLine: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  name: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  detail: {
    color: tokens.colorNeutralForeground3,
    wordBreak: 'break-word',
  },
  loaded: {
    color: tokens.colorBrandForeground1,
  },
});

interface Props {
  candidates: readonly CompareCandidate[];
  picked: readonly string[];
  labels: Labels;
  onPick: (id: string, picked: boolean) => void;
}

/** The rule files to compare, ticked in a list; each ticked file shows its key (A, B …) in the comparison. */
export function ComparePicker({ candidates, picked, labels, onPick }: Props) {
  const styles = useStyles();
  const hintId = useId('compare-hint');
  const keys = pickedKeys(candidates, picked);
  const full = keys.size >= MAX_COMPARED;
  return (
    <>
      <Caption1 id={hintId} className={styles.hint}>
        {labels.comparePoliciesHint(MAX_COMPARED)}
      </Caption1>
      <div className={styles.list} role="group" aria-labelledby={hintId} data-testid="compare-picker">
        {candidates.map((c) => {
          const key = keys.get(c.id);
          return (
            <Checkbox
              key={c.id}
              data-testid={`compare-pick-${c.id}`}
              checked={key !== undefined}
              disabled={key === undefined && full}
              onChange={(_, data) => onPick(c.id, data.checked === true)}
              label={
                <span className={styles.label}>
                  <span className={styles.nameLine}>
                    <span className={styles.name}>{c.name}</span>
                    {key !== undefined && (
                      <Badge size="small" appearance="filled" data-testid={`compare-key-${c.id}`}>
                        {key}
                      </Badge>
                    )}
                  </span>
                  {c.source.kind === 'loaded' && <Caption1 className={styles.loaded}>{labels.compareLoaded}</Caption1>}
                  <Caption1 className={styles.detail}>
                    {[`${c.policyId} ${c.version}`.trim(), c.insurer, c.currency].filter((s) => s !== '').join(' · ')}
                  </Caption1>
                </span>
              }
            />
          );
        })}
      </div>
      {full && <Caption1 className={styles.hint}>{labels.compareLimit(MAX_COMPARED)}</Caption1>}
    </>
  );
}
