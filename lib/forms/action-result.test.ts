import { describe, expect, it } from 'vitest';
import { applyActionError, conflictDetails, detailsField, type ActionFailure } from './action-result';

type Values = { name: string; countyCode: string; members: { name: string }[] };

function recorder() {
  const calls: [string, string | undefined][] = [];
  const setError = (name: string, error: { message?: string }) => void calls.push([name, error.message]);
  return { calls, setError: setError as Parameters<typeof applyActionError<Values>>[0] };
}

describe('applyActionError', () => {
  it('puts the first message of each field error at its field and the action error at the root', () => {
    const { calls, setError } = recorder();
    applyActionError(setError, {
      ok: false,
      error: 'errors.invalid',
      fieldErrors: { name: ['validation.required', 'validation.other'], 'members.0.name': ['validation.required'] },
    });
    expect(calls).toEqual([
      ['name', 'validation.required'],
      ['members.0.name', 'validation.required'],
      ['root', 'errors.invalid'],
    ]);
  });

  it('with a summary, says to look at the fields when one got an error, and gives the error otherwise', () => {
    const summary = 'cases.form.fieldErrorsSummary';
    const refused: ActionFailure = {
      ok: false,
      error: 'errors.invalid',
      reason: 'unknown county',
      details: { field: 'countyCode', message: 'validation.county' },
    };
    const first = recorder();
    applyActionError<Values>(first.setError, refused, { field: detailsField(refused), summary });
    expect(first.calls).toEqual([
      ['countyCode', 'validation.county'],
      ['root', summary],
    ]);

    const second = recorder();
    applyActionError<Values>(second.setError, { ok: false, error: 'errors.forbidden' }, { summary });
    expect(second.calls).toEqual([['root', 'errors.forbidden']]);
  });

  it('shows the notice it is given instead of the action error', () => {
    const { calls, setError } = recorder();
    applyActionError(
      setError,
      { ok: false, error: 'errors.invalid', reason: 'last_admin' },
      { notice: 'x.last_admin' },
    );
    expect(calls).toEqual([['root', 'x.last_admin']]);
  });
});

describe('detailsField and conflictDetails', () => {
  it('read the field the data layer named, with its message or the error', () => {
    expect(detailsField({ ok: false, error: 'errors.invalid', details: { field: 'email' } })).toEqual([
      'email',
      'errors.invalid',
    ]);
    expect(detailsField({ ok: false, error: 'errors.invalid' })).toBeNull();
  });

  it('give the stored record only for a conflict', () => {
    const details = { current: { name: 'A' }, updatedBy: 'Sara', updatedAt: '2026-01-01T10:00:00Z' };
    expect(conflictDetails({ ok: false, error: 'errors.conflict', details })).toBe(details);
    expect(conflictDetails({ ok: false, error: 'errors.invalid', details })).toBeNull();
  });
});
