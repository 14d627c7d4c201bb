'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';

export type Conflict = { current?: Record<string, unknown>; updatedBy: string | null; updatedAt: string | null };

/**
 * Someone else saved the record while this form was open: nothing was saved or overwritten.
 * Lists what now differs from what the form started from (`changed`, in the caller's words).
 * `messages` holds title, body, by and reload, and `changed` when the list has an introduction:
 * the case register words its notice for cases and lists each field with its new value.
 */
export function ConflictNotice({
  conflict,
  changed,
  reloadHref,
  messages = 'records.conflict',
}: {
  conflict: Conflict;
  changed: string[];
  reloadHref: string;
  messages?: 'records.conflict' | 'cases.conflict';
}) {
  const t = useTranslations(messages);
  const format = useFormatter();
  const intro = t.has('changed');
  // It appears where the form starts, far above the button that was pressed: take the person there.
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'start' });
    ref.current?.focus({ preventScroll: true });
  }, [conflict]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      className="mt-4 rounded border border-red-700 bg-red-50 p-4 text-red-900 focus:outline focus:outline-2 focus:outline-offset-2 focus:outline-red-700"
    >
      <h2 className="font-semibold">{t('title')}</h2>
      <p className="mt-1">{t('body')}</p>
      {changed.length > 0 ? (
        <>
          {intro ? <p className="mt-2">{t('changed')}</p> : null}
          <ul className={`${intro ? 'mt-1' : 'mt-2'} list-inside list-disc`}>
            {changed.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}
      {conflict.updatedBy && conflict.updatedAt ? (
        <p className="mt-2">
          {t('by', { name: conflict.updatedBy, time: format.dateTime(new Date(conflict.updatedAt), 'dateTime') })}
        </p>
      ) : null}
      <p className="mt-2">
        <a href={reloadHref} className="font-medium underline">
          {t('reload')}
        </a>
      </p>
    </div>
  );
}

/** The keys whose values differ between what the form started from and what is stored now. */
export function changedKeys<Key extends string>(
  current: Record<string, unknown> | undefined,
  defaults: Record<string, unknown>,
  keys: readonly Key[],
): Key[] {
  if (!current) return [];
  const norm = (value: unknown) => {
    if (value === null || value === undefined || value === '') return 'null';
    if (Array.isArray(value))
      return JSON.stringify(
        value.map((v) => (typeof v === 'object' && v !== null ? Object.values(v).map(String) : String(v))),
      );
    return JSON.stringify(String(value));
  };
  return keys.filter((key) => norm(current[key]) !== norm(defaults[key]));
}
