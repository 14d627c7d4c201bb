'use client';

import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { inputClass, useMessageText } from './field';

/** A labelled <select> of category values; an enum's labels come from messages "enums.<name>.<value>". */
export function SelectField<Value extends string>({
  label,
  values,
  labels,
  registration,
  error,
  placeholder,
  hint,
}: {
  label: string;
  values: readonly Value[];
  labels: (value: Value) => string;
  registration: UseFormRegisterReturn;
  error?: string;
  placeholder?: string;
  hint?: string;
}) {
  const id = useId();
  const message = useMessageText();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
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
      <select
        id={id}
        {...registration}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy}
        className={inputClass}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {values.map((value) => (
          <option key={value} value={value}>
            {labels(value)}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700">
          {message(error)}
        </p>
      ) : null}
    </div>
  );
}

/** A group of checkboxes in a fieldset with a legend; its error belongs to the group. */
export function CheckboxGroup<Value extends string>({
  legend,
  values,
  labels,
  registration,
  error,
  columns = 2,
}: {
  legend: string;
  values: readonly Value[];
  labels: (value: Value) => string;
  registration: UseFormRegisterReturn;
  error?: string;
  columns?: 1 | 2 | 3;
}) {
  const id = useId();
  const message = useMessageText();
  const grid = columns === 3 ? 'sm:grid-cols-3' : columns === 2 ? 'sm:grid-cols-2' : '';
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined} aria-invalid={Boolean(error) || undefined}>
      <legend className="font-medium">{legend}</legend>
      <div className={`mt-1 grid grid-cols-1 gap-x-6 gap-y-1 ${grid}`}>
        {values.map((value) => (
          <label key={value} className="flex items-start gap-2">
            <input type="checkbox" value={value} {...registration} className="mt-1 h-4 w-4" />
            <span>{labels(value)}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700">
          {message(error)}
        </p>
      ) : null}
    </fieldset>
  );
}
