import { describe, expect, it } from 'vitest';
import { splitByYears } from './periods';

describe('splitByYears (the rollups a period is read from)', () => {
  it('reads a calendar year as one year', () => {
    expect(splitByYears({ from: '2025-01-01', to: '2025-12-31' })).toEqual({
      years: ['2025-01-01', '2025-01-01'],
      months: [],
      days: [],
    });
  });

  it('reads whole years, the months around them and the days at either end', () => {
    expect(splitByYears({ from: '2023-11-15', to: '2026-02-10' })).toEqual({
      years: ['2024-01-01', '2025-01-01'],
      months: [
        ['2023-12-01', '2023-12-01'],
        ['2026-01-01', '2026-01-01'],
      ],
      days: [
        ['2023-11-15', '2023-11-30'],
        ['2026-02-01', '2026-02-10'],
      ],
    });
  });

  it('reads a period without a whole year as months and days', () => {
    expect(splitByYears({ from: '2025-03-01', to: '2025-10-31' })).toEqual({
      years: null,
      months: [['2025-03-01', '2025-10-01']],
      days: [],
    });
    expect(splitByYears({ from: '2025-03-05', to: '2025-03-20' })).toEqual({
      years: null,
      months: [],
      days: [['2025-03-05', '2025-03-20']],
    });
    // A leap day at the end of February, and December's 31st.
    expect(splitByYears({ from: '2024-02-29', to: '2024-12-31' })).toEqual({
      years: null,
      months: [['2024-03-01', '2024-12-01']],
      days: [['2024-02-29', '2024-02-29']],
    });
  });
});
