// Dates as whole days since 1970-01-01 (UTC), so that arithmetic is integer and time-zone free;
// written out as 'YYYY-MM-DD' like PostgreSQL's date.

const MS_PER_DAY = 86_400_000;

export function dayOf(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

export function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

export function firstDayOfYear(year: number): number {
  return Math.round(Date.UTC(year, 0, 1) / MS_PER_DAY);
}
