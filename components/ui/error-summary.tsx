'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { FieldErrors, FieldValues } from 'react-hook-form';
import { useMessageText } from './field';

type Entry = { field: HTMLElement; label: string; message: string };

/** Every error message of a react-hook-form errors tree (the form's own notice aside). */
function messagesOf(errors: unknown, key = ''): string[] {
  if (!errors || typeof errors !== 'object' || key === 'root' || key === 'ref') return [];
  const own = 'message' in errors && typeof errors.message === 'string' ? [errors.message] : [];
  return [...own, ...Object.entries(errors).flatMap(([k, v]) => messagesOf(v, k))];
}

/**
 * What the form marked, in the order a person meets it: each field (or group of checkboxes)
 * that is aria-invalid, by its label or legend (its message stays beside the field, where the
 * link leads), or by its message where it has no label.
 */
function entriesOf(form: HTMLFormElement): Entry[] {
  const marked = [...form.querySelectorAll<HTMLElement>('[aria-invalid="true"]')];
  return marked
    .filter((el) => el.tagName === 'FIELDSET' || !el.parentElement?.closest('fieldset[aria-invalid="true"]'))
    .map((el) => {
      const label =
        el.tagName === 'FIELDSET'
          ? el.querySelector('legend')?.textContent
          : ((el as HTMLInputElement).labels?.[0]?.textContent ?? el.getAttribute('aria-label'));
      const errorId = (el.getAttribute('aria-describedby') ?? '').split(' ').find((id) => id.endsWith('-error'));
      const message = errorId ? document.getElementById(errorId)?.textContent : '';
      return { field: el, label: (label ?? '').trim(), message: (message ?? '').trim() };
    })
    .filter((e) => e.label || e.message);
}

/**
 * The top of a long form after a refused save: the form's notice and a list of what to fix, each
 * a link that moves focus to its field. It takes the focus (scrolled into view) after every
 * refused submit, so that something happens where the person looks; forms that use it set
 * `shouldFocusError: false` so that react-hook-form does not move the focus on itself.
 */
export function ErrorSummary<T extends FieldValues>({
  errors,
  submitCount,
  message,
}: {
  errors: FieldErrors<T>;
  submitCount: number;
  /** The form's notice (a catalogue key): the server's refusal, or the summary of the marked fields. */
  message?: string;
}) {
  const t = useTranslations('forms.errorSummary');
  const text = useMessageText();
  const ref = useRef<HTMLDivElement>(null);
  const [entries, setEntries] = useState<Entry[]>([]);
  const signature = messagesOf(errors).join('\n');

  // After the fields rendered their errors: read what they marked.
  useLayoutEffect(() => {
    const form = ref.current?.closest('form');
    setEntries(form && signature ? entriesOf(form) : []);
  }, [signature, submitCount]);

  const shown = Boolean(message) || entries.length > 0;
  // Only a new refused submit moves the focus, not fixing one error after another.
  const focusedAt = useRef(0);
  useEffect(() => {
    if (!shown || submitCount <= focusedAt.current) return;
    focusedAt.current = submitCount;
    ref.current?.scrollIntoView({ block: 'start' });
    ref.current?.focus({ preventScroll: true });
  }, [submitCount, shown]);

  return (
    <div ref={ref} tabIndex={-1} className="focus:outline-none">
      {shown ? (
        <div role="alert" className="mt-4 rounded border-2 border-red-700 bg-red-50 p-4 text-red-900">
          <p className="font-semibold">{message ? text(message) : t('title', { count: entries.length })}</p>
          {entries.length > 0 ? (
            <ul className="mt-2 list-inside list-disc">
              {entries.map((e, i) => (
                <li key={i}>
                  <a
                    href={e.field.id ? `#${e.field.id}` : '#'}
                    className="font-medium underline underline-offset-2"
                    onClick={(event) => {
                      event.preventDefault();
                      const focusable =
                        e.field.tagName === 'FIELDSET'
                          ? e.field.querySelector<HTMLElement>('input, select, textarea')
                          : e.field;
                      e.field.scrollIntoView({ block: 'center' });
                      focusable?.focus({ preventScroll: true });
                    }}
                  >
                    {e.label || e.message}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
