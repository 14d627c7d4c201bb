// Periods of the overviews: a calendar year, a quarter or any run of days, each compared with the
// period of the same length just before it. Pure: no server code, so forms may import it.

export type PeriodKind = 'year' | 'quarter' | 'custom';
export type Period = { kind: PeriodKind; from: string; to: string };
export type Granularity = 'month' | 'quarter' | 'year';
export const GRANULARITIES: readonly Granularity[] = ['month', 'quarter', 'year'];

/** The earliest report date the register accepts (the cases table's check). */
export const FIRST_DAY = '1990-01-01';
/** Longest custom period (days): about 40 years. */
const MAX_DAYS = 366 * 40;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const dayMs = 86_400_000;
const toDays = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / dayMs;
const fromDays = (days: number) => new Date(days * dayMs).toISOString().slice(0, 10);

export function addDays(iso: string, n: number): string {
  return fromDays(toDays(iso) + n);
}

/** Days from `from` to `to`, both included. */
export function lengthInDays(p: { from: string; to: string }): number {
  return toDays(p.to) - toDays(p.from) + 1;
}

export function yearPeriod(year: number): Period {
  return { kind: 'year', from: `${year}-01-01`, to: `${year}-12-31` };
}

export function quarterPeriod(year: number, quarter: number): Period {
  const startMonth = (quarter - 1) * 3 + 1;
  const from = `${year}-${String(startMonth).padStart(2, '0')}-01`;
  const nextStart = quarter === 4 ? `${year + 1}-01-01` : `${year}-${String(startMonth + 3).padStart(2, '0')}-01`;
  return { kind: 'quarter', from, to: addDays(nextStart, -1) };
}

/** A year or a quarter when the dates are exactly one, otherwise a custom period. */
export function periodOf(from: string, to: string): Period {
  const year = Number(from.slice(0, 4));
  const asYear = yearPeriod(year);
  if (asYear.from === from && asYear.to === to) return asYear;
  for (let q = 1; q <= 4; q++) {
    const asQuarter = quarterPeriod(year, q);
    if (asQuarter.from === from && asQuarter.to === to) return asQuarter;
  }
  return { kind: 'custom', from, to };
}

/** The period of the same length just before: the previous year or quarter, or as many days before. */
export function previousPeriod(p: Period): Period {
  const year = Number(p.from.slice(0, 4));
  if (p.kind === 'year') return yearPeriod(year - 1);
  if (p.kind === 'quarter') {
    const q = Math.floor((Number(p.from.slice(5, 7)) - 1) / 3) + 1;
    return q === 1 ? quarterPeriod(year - 1, 4) : quarterPeriod(year, q - 1);
  }
  const n = lengthInDays(p);
  return { kind: 'custom', from: addDays(p.from, -n), to: addDays(p.from, -1) };
}

export function quarterOf(p: Period): number | null {
  return p.kind === 'quarter' ? Math.floor((Number(p.from.slice(5, 7)) - 1) / 3) + 1 : null;
}

export function yearOf(p: { from: string }): number {
  return Number(p.from.slice(0, 4));
}

export type PeriodError = 'date_format' | 'date_order' | 'date_range' | 'period_too_long' | 'year' | 'quarter';

/**
 * The period asked for by URL parameters: from & to (custom days), or year [& quarter].
 * Without any: the last complete calendar year before `today`.
 */
export function parsePeriod(
  params: { from?: string; to?: string; year?: string; quarter?: string },
  today: string,
): { ok: true; period: Period } | { ok: false; error: PeriodError } {
  const { from, to, year, quarter } = params;
  if (from !== undefined || to !== undefined) {
    if (!isIsoDay(from) || !isIsoDay(to)) return { ok: false, error: 'date_format' };
    if (from > to) return { ok: false, error: 'date_order' };
    if (from < FIRST_DAY || to > addDays(today, 366 * 2)) return { ok: false, error: 'date_range' };
    if (lengthInDays({ from, to }) > MAX_DAYS) return { ok: false, error: 'period_too_long' };
    return { ok: true, period: periodOf(from, to) };
  }
  const thisYear = Number(today.slice(0, 4));
  const y = year === undefined || year === '' ? thisYear - 1 : Number(year);
  if (!Number.isInteger(y) || y < 1990 || y > thisYear + 1) return { ok: false, error: 'year' };
  if (quarter === undefined || quarter === '') return { ok: true, period: yearPeriod(y) };
  const q = Number(quarter);
  if (!Number.isInteger(q) || q < 1 || q > 4) return { ok: false, error: 'quarter' };
  return { ok: true, period: quarterPeriod(y, q) };
}

/** The trend's natural step for a period: months up to two years, quarters up to eight, then years. */
export function defaultGranularity(p: { from: string; to: string }): Granularity {
  const days = lengthInDays(p);
  if (days <= 731) return 'month';
  if (days <= 366 * 8) return 'quarter';
  return 'year';
}

/** The first day of each step of the trend that overlaps the period, in order. */
export function buckets(p: { from: string; to: string }, g: Granularity): string[] {
  const out: string[] = [];
  let y = Number(p.from.slice(0, 4));
  let m = Number(p.from.slice(5, 7));
  if (g === 'quarter') m = Math.floor((m - 1) / 3) * 3 + 1;
  if (g === 'year') m = 1;
  const step = g === 'month' ? 1 : g === 'quarter' ? 3 : 12;
  for (;;) {
    const start = `${y}-${String(m).padStart(2, '0')}-01`;
    if (start > p.to) break;
    out.push(start);
    m += step;
    while (m > 12) {
      m -= 12;
      y += 1;
    }
  }
  return out;
}

/** Whole months inside the period, and the days at either end outside them. */
export function splitByMonths(p: { from: string; to: string }): {
  months: [string, string] | null;
  days: [string, string][];
} {
  const firstWhole = p.from.endsWith('-01') ? p.from : nextMonthStart(p.from);
  const lastEnd = addDays(nextMonthStart(p.to), -1) === p.to ? p.to : addDays(`${p.to.slice(0, 7)}-01`, -1);
  if (firstWhole > lastEnd) return { months: null, days: [[p.from, p.to]] };
  const days: [string, string][] = [];
  if (p.from < firstWhole) days.push([p.from, addDays(firstWhole, -1)]);
  if (lastEnd < p.to) days.push([addDays(lastEnd, 1), p.to]);
  return { months: [firstWhole, `${lastEnd.slice(0, 7)}-01`], days };
}

/**
 * A period as whole calendar years (the first day of the first and of the last), the whole months
 * before and after them, and the days at either end of those: what the yearly, monthly and daily
 * rollups are read for (decision 005).
 */
export function splitByYears(p: { from: string; to: string }): {
  years: [string, string] | null;
  months: [string, string][];
  days: [string, string][];
} {
  const { months, days } = splitByMonths(p);
  if (!months) return { years: null, months: [], days };
  const [m0, m1] = months;
  const y0 = Number(m0.slice(0, 4)) + (m0.endsWith('-01-01') ? 0 : 1);
  const y1 = Number(m1.slice(0, 4)) - (m1.slice(5, 7) === '12' ? 0 : 1);
  if (y0 > y1) return { years: null, months: [months], days };
  const around: [string, string][] = [];
  if (m0 < `${y0}-01-01`) around.push([m0, `${y0 - 1}-12-01`]);
  if (m1 > `${y1}-12-01`) around.push([`${y1 + 1}-01-01`, m1]);
  return { years: [`${y0}-01-01`, `${y1}-01-01`], months: around, days };
}

function nextMonthStart(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
