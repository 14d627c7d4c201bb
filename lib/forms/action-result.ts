// What a server action returns, and the one way a react-hook-form form takes a refusal in: the
// schema's errors at their fields, the data layer's refusal at the field it concerns, and a notice
// for the whole form. Client-safe: the forms import it; the action wrapper (app/_lib/action.ts)
// builds the result.
import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import type { MessageKey } from '@/lib/i18n';

/** A refused action. `error` and the field messages are catalogue keys. */
export type ActionFailure = {
  ok: false;
  error: string;
  /** The data layer's finer cause (e.g. 'status_transition'), which a form may explain. */
  reason?: string;
  fieldErrors?: Record<string, string[]>;
  details?: Record<string, unknown>;
};

/** What every server action returns. */
export type ActionResult<T = undefined> = { ok: true; data: T } | ActionFailure;

/** One field's error beyond the schema's: the field and a catalogue key. */
export type FieldError<T extends FieldValues> = readonly [FieldPath<T>, string];

/**
 * The field the data layer named in its refusal (`details.field`), with its message
 * (`details.message`, else the action's error): e.g. a county that does not exist.
 */
export function detailsField<T extends FieldValues>(failure: ActionFailure): FieldError<T> | null {
  const field = failure.details?.field;
  if (typeof field !== 'string' || field === '') return null;
  return [field as FieldPath<T>, String(failure.details?.message ?? failure.error)];
}

/** The stored record when the refusal is an edit conflict (someone else saved meanwhile), else null. */
export function conflictDetails<C>(failure: ActionFailure): C | null {
  return failure.error === 'errors.conflict' && failure.details ? (failure.details as C) : null;
}

/**
 * Puts a refused action on a form: each field error of the schema (its first message) at its
 * field, `field` (the data layer's refusal of one field) at that field, and the notice at the
 * form's root. With `summary`, the notice says to look at the marked fields whenever a field got
 * an error; otherwise it is `notice` (the action's error by default).
 */
export function applyActionError<T extends FieldValues>(
  setError: UseFormSetError<T>,
  failure: ActionFailure,
  {
    field = null,
    notice = failure.error,
    summary,
  }: { field?: FieldError<T> | null; notice?: string; summary?: MessageKey } = {},
): void {
  const fieldErrors = Object.entries(failure.fieldErrors ?? {});
  for (const [path, messages] of fieldErrors) setError(path as FieldPath<T>, { message: messages[0] });
  if (field) setError(field[0], { message: field[1] });
  const marked = Boolean(failure.fieldErrors) || Boolean(field);
  setError('root', { message: summary && marked ? summary : notice });
}
