'use client';

import { useMessages, useTranslations } from 'next-intl';
import { useId } from 'react';
import { isMessageKey } from '@/lib/i18n';

/** A message as a person reads it: a catalogue key (zod messages and action errors are) in words, other text as it is. */
export function useMessageText(): (message: string) => string {
  const t = useTranslations();
  const messages = useMessages();
  return (message) => (isMessageKey(messages, message) ? t(message) : message);
}

/**
 * A labelled form field whose error (a catalogue key) is announced and tied to the input by
 * aria-describedby. `children` receives the props the input needs.
 */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => React.ReactNode;
}) {
  const text = useMessageText();
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700">
          {text(error)}
        </p>
      ) : null}
    </div>
  );
}

export const inputClass =
  'mt-1 block w-full rounded border border-slate-500 px-3 py-2 text-slate-900 aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700';

export const buttonClass =
  'inline-flex items-center rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60';

/** A button beside the main one (copy, reset, regenerate). */
export const secondaryButtonClass =
  'rounded border border-slate-500 px-4 py-2 font-medium hover:bg-slate-100 disabled:opacity-60';

/** A button that removes or switches something off (delete, deactivate). */
export const dangerButtonClass =
  'rounded border border-red-700 px-4 py-2 font-medium text-red-800 hover:bg-red-50 disabled:opacity-60';

/** A form's "saved" confirmation, announced politely to screen readers. */
export function FormSaved({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="status" className="mt-4 rounded border border-green-700 bg-green-50 p-3 text-green-900">
      {message}
    </p>
  );
}

/** A message for the whole form (role="alert" so screen readers hear it at once). */
export function FormAlert({ message }: { message?: string }) {
  const text = useMessageText();
  if (!message) return null;
  return (
    <p role="alert" className="mt-4 rounded border border-red-700 bg-red-50 p-3 text-red-800">
      {text(message)}
    </p>
  );
}
