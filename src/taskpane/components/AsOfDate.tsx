import { Field, Input, makeStyles } from '@fluentui/react-components';
import type { Labels } from '../labels';

const useStyles = makeStyles({
  input: {
    maxWidth: '12rem',
  },
});

/** The date the balance is struck at: today on the user's calendar unless they choose another. */
export function AsOfDate({
  asOf,
  labels,
  hint = labels.asOfHint,
  onChange,
}: {
  asOf: string;
  labels: Labels;
  /** Under the field: what the date is used for (the Evaluate tab stores it, the Compare tab does not). */
  hint?: string;
  onChange: (asOf: string) => void;
}) {
  const styles = useStyles();
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(asOf);
  return (
    <Field
      label={labels.asOfLabel}
      hint={valid ? hint : undefined}
      validationState={valid ? 'none' : 'error'}
      validationMessage={valid ? undefined : labels.asOfInvalid}
    >
      <Input
        className={styles.input}
        type="date"
        data-testid="as-of"
        value={asOf}
        onChange={(_, data) => onChange(data.value)}
      />
    </Field>
  );
}
