import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { idCheckboxes, param, present, readWholeNumber, wholeNumber } from './fields';

describe('whole numbers as typed', () => {
  it.each([
    ['12', 12],
    [' 12 ', 12],
    ['0', 0],
    ['1 200', 1200],
    ['12 000', 12000],
    ['1\u00a0200', 1200],
    ['100\u202f000', 100000],
  ])('%j is %i', (typed, number) => {
    expect(readWholeNumber(typed)).toBe(number);
  });

  it.each([' 1 2 ', '1 2', '12 3', '1 2000', '1  200', '', ' ', '1.200', '-1', '1e3', '١٢'])(
    '%j is not one',
    (typed) => {
      expect(readWholeNumber(typed)).toBeNull();
    },
  );

  it('wholeNumber refuses inner spaces with the field’s message', () => {
    const field = wholeNumber({ min: 0, max: 100_000 });
    expect(field.safeParse(' 1 2 ').error?.issues.map((i) => i.message)).toEqual(['validation.wholeNumber']);
    expect(field.parse('1 200')).toBe(1200);
  });
});

describe('present: a list an edit must send', () => {
  const Edit = z.object({ attendees: present(idCheckboxes()) });
  it('refuses a missing key, and takes an explicit empty list or an unticked group', () => {
    expect(Edit.safeParse({}).error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['attendees', 'validation.required'],
    ]);
    expect(Edit.parse({ attendees: [] })).toEqual({ attendees: [] });
    expect(Edit.parse({ attendees: false })).toEqual({ attendees: [] });
  });
});

describe('a list filter parameter', () => {
  it('drops a value with a NUL like any other that does not fit', () => {
    expect(param.parse('a\u0000b')).toBeUndefined();
    expect(param.parse([' ok ', 'x'])).toBe('ok');
  });
});

describe('checks across fields come in the same round as the fields’ own errors', () => {
  const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

  it('a meeting without a format that ends before it starts hears of both at once', async () => {
    const { MeetingSchema } = await import('@/lib/schemas/coordination');
    const result = MeetingSchema.safeParse({
      groupId: '00000000-0000-4000-8000-000000000001',
      date: '2026-05-04',
      startTime: '10:00',
      endTime: '09:00',
      format: '',
    });
    expect(issues(result)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^format: /), 'endTime: validation.endBeforeStart']),
    );
  });

  it('a training that ends before it starts hears of it beside a missing title', async () => {
    const { TrainingSchema } = await import('@/lib/schemas/trainings');
    const result = TrainingSchema.safeParse({ startsOn: '2026-05-04', endsOn: '2026-05-01' });
    expect(issues(result)).toContain('endsOn: validation.endsBeforeStarts');
    expect(issues(result).length).toBeGreaterThan(1);
  });

  it('the check waits while a field it reads is itself wrong', async () => {
    const { MeetingSchema } = await import('@/lib/schemas/coordination');
    const result = MeetingSchema.safeParse({ startTime: 'soon', endTime: '09:00' });
    expect(issues(result).filter((i) => i.includes('endBeforeStart'))).toEqual([]);
  });
});

describe('checks across fields on hostile input', () => {
  it.each([null, 'text', 42, [], { startTime: 10, endTime: {} }])(
    '%j is refused without an exception',
    async (input) => {
      const { MeetingSchema } = await import('@/lib/schemas/coordination');
      const { GroupSchema } = await import('@/lib/schemas/coordination');
      const { ChangePasswordSchema } = await import('@/lib/schemas/account');
      for (const schema of [MeetingSchema, GroupSchema, ChangePasswordSchema])
        expect(schema.safeParse(input).success).toBe(false);
    },
  );

  it('a password too short and not matching hears of both', async () => {
    const { ChangePasswordSchema } = await import('@/lib/schemas/account');
    const result = ChangePasswordSchema.safeParse({
      currentPassword: 'x',
      newPassword: 'short',
      confirmPassword: 'other',
    });
    expect(result.error?.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining(['validation.password.too_short', 'validation.password.mismatch']),
    );
  });
});
