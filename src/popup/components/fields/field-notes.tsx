// What every field of the popup says besides its control: a hint and an error below it, tied to
// the control by aria-describedby, the control marked aria-invalid while the error stands. For
// the field components in this folder.
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/** One problem, several (each its own line), or none. */
export type Problems = string | readonly string[] | undefined;

/** How a hint reads: quiet advice, a note on why a control is off, or a warning. */
export type HintTone = 'hint' | 'note' | 'warning';

export interface FieldProps {
  label: ComponentChildren;
  hint?: ComponentChildren;
  hintTone?: HintTone;
  error?: Problems;
  /** Ids of other text that describes the field, such as a strength meter's advice. */
  describedBy?: string;
  /** Marked wrong by an error shown elsewhere (one error under a pair of fields). */
  invalid?: boolean;
}

export interface ControlAria {
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

function problemList(error: Problems): readonly string[] {
  if (error === undefined) return [];
  return typeof error === 'string' ? (error ? [error] : []) : error;
}

function Hint({ id, tone, children }: { id: string; tone: HintTone; children: ComponentChildren }) {
  if (tone === 'hint') {
    return (
      <small id={id} class="hint">
        {children}
      </small>
    );
  }
  return (
    <p id={id} class={tone}>
      {children}
    </p>
  );
}

/** An error announced as it appears; several problems each on a line of their own. */
export function ErrorText({ id, error }: { id?: string; error: Problems }) {
  const problems = problemList(error);
  if (problems.length === 0) return null;
  if (typeof error === 'string') {
    return (
      <p id={id} class="error" role="alert">
        {error}
      </p>
    );
  }
  return (
    <div id={id} class="error field-error" role="alert">
      {problems.map((problem) => (
        <p key={problem}>{problem}</p>
      ))}
    </div>
  );
}

/** The control's aria attributes and the notes to render after its label. */
export function useFieldNotes({
  hint,
  hintTone = 'hint',
  error,
  describedBy,
  invalid: marked,
}: Omit<FieldProps, 'label'>): {
  aria: ControlAria;
  notes: ComponentChildren;
} {
  const id = useId();
  const shown = problemList(error).length > 0;
  const invalid = shown || marked === true;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = shown ? `${id}-error` : undefined;
  const ids = [describedBy, hintId, errorId].filter(Boolean).join(' ');
  return {
    aria: { ...(ids ? { 'aria-describedby': ids } : {}), ...(invalid ? { 'aria-invalid': true } : {}) },
    notes: (
      <>
        {hintId && (
          <Hint id={hintId} tone={hintTone}>
            {hint}
          </Hint>
        )}
        <ErrorText id={errorId} error={error} />
      </>
    ),
  };
}
