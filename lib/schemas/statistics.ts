// The overviews' URL parameters. No db/ imports: the forms use it too.
import { z } from 'zod';
import { OFFENCES, type Offence } from '@/lib/enums';
import { GRANULARITIES, parsePeriod, type Granularity, type Period, type PeriodError } from '@/lib/periods';

export const MAP_MEASURE_KEYS = ['cases', 'per100k', 'participants', 'meetings'] as const;
export type MapMeasureKey = (typeof MAP_MEASURE_KEYS)[number];

/** Offence choices of the filter: all, Brå's selection, or one offence. */
export const OFFENCE_PRESETS: Record<string, readonly Offence[]> = { bra: ['trafficking_sexual', 'procuring_gross'] };

const text = z.string().trim().max(40).optional().catch(undefined);

export const StatisticsParamsSchema = z.object({
  year: text,
  quarter: text,
  from: text,
  to: text,
  granularity: z
    .enum(GRANULARITIES as unknown as [Granularity, ...Granularity[]])
    .optional()
    .catch(undefined),
  offences: text,
  measure: z.enum(MAP_MEASURE_KEYS).optional().catch(undefined),
});

export type StatisticsParams = {
  period: Period;
  periodError: PeriodError | null;
  granularity: Granularity | undefined;
  offences: Offence[];
  offenceChoice: string;
  measure: MapMeasureKey;
  raw: z.output<typeof StatisticsParamsSchema>;
};

/** Parse the search parameters; an invalid period falls back to the default one, with the error. */
export function parseStatisticsParams(
  searchParams: Record<string, string | string[] | undefined>,
  today: string,
): StatisticsParams {
  const single = Object.fromEntries(Object.entries(searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const raw = StatisticsParamsSchema.parse(single);
  const blank = (s: string | undefined) => (s === '' ? undefined : s);
  const custom = blank(raw.from) !== undefined || blank(raw.to) !== undefined;
  const parsed = parsePeriod(
    custom ? { from: blank(raw.from), to: blank(raw.to) } : { year: blank(raw.year), quarter: blank(raw.quarter) },
    today,
  );
  const fallback = parsePeriod({}, today);
  const choice = raw.offences ?? '';
  const offences = OFFENCE_PRESETS[choice]
    ? [...OFFENCE_PRESETS[choice]!]
    : (OFFENCES as readonly string[]).includes(choice)
      ? [choice as Offence]
      : [];
  return {
    period: parsed.ok ? parsed.period : (fallback as { ok: true; period: Period }).period,
    periodError: parsed.ok ? null : parsed.error,
    granularity: raw.granularity,
    offences,
    offenceChoice: offences.length > 0 ? choice : '',
    measure: raw.measure ?? 'cases',
    raw,
  };
}

/** The parameters of a period, for links. */
export function periodParams(period: Period): Record<string, string> {
  if (period.kind === 'year') return { year: period.from.slice(0, 4) };
  if (period.kind === 'quarter')
    return {
      year: period.from.slice(0, 4),
      quarter: String(Math.floor((Number(period.from.slice(5, 7)) - 1) / 3) + 1),
    };
  return { from: period.from, to: period.to };
}

export function queryOf(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
