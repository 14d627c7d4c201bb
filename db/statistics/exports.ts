import 'server-only';
import { sql } from 'drizzle-orm';
import { writeAudit } from '@/db/audit';
import { AppError } from '@/lib/errors';
import { AGE_BANDS, OFFENCES, SEXES, type ControlMethod, type Offence } from '@/lib/enums';
import { yearOf, type Period } from '@/lib/periods';
import type { Actor } from '@/lib/policy';
import type { Count, Lookup } from '@/lib/statistics/figures';
import { requireStatisticsAccess, type Access } from './access';
import {
  fullSums,
  releasedCubeFor,
  scopeOf,
  statisticsContext,
  type StatisticsContext,
  type StatisticsScope,
} from './context';
import { addScopeSums, countOf, emptyScopeSums, measuresOf, NATION } from './cube';
import { eurostatObservations, type EurostatObservation } from './eurostat';
import { loadYearSums } from './year-sums';
import { HTCDS_OFFENCES, htcdsRecordOf, type HtcdsRecord, type HtcdsSource } from './htcds';
import { FUNNEL_STEPS, PERSON_STATUSES, personMeasure } from './measures';
import { countyCondition, query } from './rollups';

// Comparable statistics, Eurostat (crim_thb) and HTCDS: the dashboard's figures of a scope and
// period, suppressed as the dashboard is; HTCDS records for full viewers only. Each export is audited.

type ExportInput = { county: string | null; period: Period; today: string };

/**
 * What both exports read: the viewer's access to the scope, and a lookup of its counts — from the
 * rows in full, or from the year's suppressed cube (decision 006).
 */
async function exportFigures(actor: Actor, input: ExportInput) {
  const access = requireStatisticsAccess(actor, { view: 'dashboard', county: input.county }, input);
  const ctx = await statisticsContext(actor, input.today);
  const scope = scopeOf(ctx, input.county);
  let get: Lookup;
  if (access === 'full') {
    const sums = await fullSums(ctx, input.period, input.county === null ? 'all' : [input.county], null);
    const m = measuresOf(sums, [...sums.byMask.keys()]);
    get = (x) => countOf(m.get(x) ?? 0);
  } else {
    const cube = await releasedCubeFor(ctx, yearOf(input.period));
    get = (x) => cube.get(scope.code, x);
  }
  return { access, ctx, scope, get };
}

/** A figure the scope publishes: outside one's scope a county's breakdowns are not published (decision 017). */
const published = (c: Count) => c.reason !== 'unpublished';

/** Every export is in the audit log: who, which scope and period, in full or suppressed. */
function auditExport(
  ctx: StatisticsContext,
  actor: Actor,
  input: { county: string | null },
  changes: Record<string, unknown>,
) {
  return writeAudit(ctx.db, {
    actorId: actor.id,
    action: 'statistics.export',
    entityType: 'statistics',
    countyCode: input.county,
    changes,
  });
}

// ── Eurostat ─────────────────────────────────────────────────────────────────────────────────

/**
 * The country's figures for each whole calendar year of a period: in full for the national
 * coordinator, from each year's release for everyone else.
 */
async function nationalYears(actor: Actor, input: { period: Period; today: string }) {
  const access = requireStatisticsAccess(actor, { view: 'dashboard', county: null }, input);
  const years = wholeYearsOf(input.period);
  const ctx = await statisticsContext(actor, input.today);
  let lookups: Lookup[];
  if (access === 'full') {
    const sums = await loadYearSums(ctx.db, years, input.today);
    lookups = years.map((y) => {
      const total = emptyScopeSums();
      for (const s of sums.get(y)!.values()) addScopeSums(total, s);
      const m = measuresOf(total, [...total.byMask.keys()]);
      return (x: string) => countOf(m.get(x) ?? 0);
    });
  } else {
    const cubes = await Promise.all(years.map((y) => releasedCubeFor(ctx, y)));
    lookups = cubes.map((cube) => (x: string) => cube.get(NATION, x));
  }
  return { access, ctx, years, lookups };
}

/** Eurostat crim_thb for the country and whole calendar years (eurostat.ts). */
export async function getEurostatTables(
  actor: Actor,
  input: { period: Period; today: string },
): Promise<{ access: Access; observations: EurostatObservation[] }> {
  const { access, ctx, years, lookups } = await nationalYears(actor, input);
  const observations = years.flatMap((y, i) => eurostatObservations(y, lookups[i]!)).filter((o) => published(o.count));
  await auditExport(ctx, actor, { county: null }, { format: 'eurostat', period: input.period, access });
  return { access, observations };
}

/** The offences Eurostat's crim_thb does not cover, in the Swedish national table. */
export const SWEDISH_TABLE_OFFENCES = [
  'exploitation',
  'procuring',
  'procuring_gross',
  'sex_purchase',
  'sex_purchase_child',
] as const satisfies readonly Offence[];

/** Its figures: the cases with the offence (in the year of the report), and the persons at each step naming it (in the year of the step). */
const SWEDISH_TABLE_FIGURES = ['cases', ...PERSON_STATUSES] as const;
export type SwedishTableRow = {
  year: number;
  offence: (typeof SWEDISH_TABLE_OFFENCES)[number];
  figure: (typeof SWEDISH_TABLE_FIGURES)[number];
  count: Count;
};

/**
 * The Swedish national table (issue 15): for procuring, gross procuring, the purchase of a sexual
 * service or of a sexual act from a child and human exploitation, per whole calendar year, the
 * cases and the persons (each once per case) suspected and at each step of their own path.
 */
export async function getSwedishOffenceTable(
  actor: Actor,
  input: { period: Period; today: string },
): Promise<{ access: Access; rows: SwedishTableRow[] }> {
  const { access, ctx, years, lookups } = await nationalYears(actor, input);
  const rows = years
    .flatMap((year, i) =>
      SWEDISH_TABLE_OFFENCES.flatMap((offence) =>
        SWEDISH_TABLE_FIGURES.map((figure) => ({
          year,
          offence,
          figure,
          count: lookups[i]!(figure === 'cases' ? `offence_${offence}` : personMeasure(figure, `offence_${offence}`)),
        })),
      ),
    )
    .filter((r) => published(r.count));
  await auditExport(ctx, actor, { county: null }, { format: 'sweden_offences', period: input.period, access });
  return { access, rows };
}

/** The calendar years a period is made of, or a 4xx when it is not whole years (crim_thb is annual). */
function wholeYearsOf(period: Period): number[] {
  const first = Number(period.from.slice(0, 4));
  const last = Number(period.to.slice(0, 4));
  if (!period.from.endsWith('-01-01') || !period.to.endsWith('-12-31'))
    throw new AppError('invalid', 'whole_years_only');
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

// ── HTCDS ────────────────────────────────────────────────────────────────────────────────────

const HTCDS_EXPORT_CAP = 100_000;

/** The trafficking and exploitation cases of the scope and period as HTCDS records, at most HTCDS_EXPORT_CAP of them. */
async function loadHtcdsRecords(ctx: StatisticsContext, input: ExportInput) {
  const countyFilter = countyCondition('c.county_code', input.county === null ? 'all' : [input.county]);
  const offences = sql.join(
    HTCDS_OFFENCES.map((o) => sql`${o}::offence`),
    sql`, `,
  );
  const found = await query<
    Omit<HtcdsSource, 'offences' | 'methods'> & {
      offences: string[] | string;
      methods: string[] | string;
      parties: unknown;
    }
  >(
    ctx.db,
    sql`select extract(year from c.reported_on)::int as year, k.letter as "countyLetter", c.status::text as status, c.reporting_body::text as body,
               c.crime_established::text as crime, c.coercion_degree::text as degree, c.control_methods::text[] as methods,
               coalesce((select array_agg(o.offence::text order by o.offence) from case_offences o where o.case_id = c.id), '{}') as offences,
               coalesce((select json_agg(json_build_object('role', p.role, 'sex', p.sex, 'age', p.age_band, 'origin', p.origin_region,
                           'citizenship', p.citizenship, 'perpetratorRole', p.perpetrator_role,
                           'steps', coalesce((select json_agg(json_build_object('lagesbild_Step', s.step, 'lagesbild_Year', extract(year from s.occurred_on)::int) order by s.occurred_on, s.step)
                                              from perpetrator_steps s where s.party_id = p.id), '[]')))
                         from case_parties p where p.case_id = c.id), '[]') as parties
        from cases c join counties k on k.code = c.county_code
        where c.deleted_at is null and c.reported_on between ${input.period.from}::date and ${input.period.to}::date${countyFilter}
          and exists (select 1 from case_offences o where o.case_id = c.id and o.offence in (${offences}))
        -- Which records a capped export keeps is chosen by what is exported, never by storage order.
        order by 1, 2, 3, 4, 5, 6
        limit ${HTCDS_EXPORT_CAP + 1}`,
  );
  const records = found
    .slice(0, HTCDS_EXPORT_CAP)
    .map((r) =>
      htcdsRecordOf({
        ...r,
        year: Number(r.year),
        offences: arrayOf(r.offences) as Offence[],
        methods: arrayOf(r.methods) as ControlMethod[],
        parties: (typeof r.parties === 'string' ? JSON.parse(r.parties) : r.parties) as HtcdsSource['parties'],
      }),
    );
  // Ordered by what is exported, never by date, reference or storage: the order gives nothing away.
  const keyed = records.map((r) => [JSON.stringify(r), r] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { records: keyed.map(([, r]) => r), truncated: found.length > HTCDS_EXPORT_CAP };
}

/** A PostgreSQL array as text ("{a,b}") when a driver leaves it so. */
function arrayOf(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',') : [];
}

/** The register's own figures beside the records (for everyone; protected outside one's scope): never called HTCDS. */
const FIGURES = [
  'cases',
  ...OFFENCES.map((o) => `offence_${o}`),
  ...FUNNEL_STEPS.map((s) => `reached_${s}`),
  'victims',
  ...SEXES.map((s) => `v_sex_${s}`),
  ...AGE_BANDS.map((a) => `v_age_${a}`),
  'perpetrators',
  ...SEXES.map((s) => `p_sex_${s}`),
];

/**
 * HTCDS records of the trafficking and exploitation cases (full viewers only: their own county,
 * or the nation for the national coordinator), and the register's own figures for everyone,
 * protected as the dashboard is for viewers outside the county.
 */
export async function getHtcdsExport(
  actor: Actor,
  input: ExportInput,
): Promise<{
  access: Access;
  scope: StatisticsScope;
  records: HtcdsRecord[] | null;
  truncated: boolean;
  figures: { figure: string; count: Count }[];
}> {
  const { access, ctx, scope, get } = await exportFigures(actor, input);
  const figures = FIGURES.map((figure) => ({ figure, count: get(figure) })).filter((f) => published(f.count));
  const { records, truncated } =
    access === 'full' ? await loadHtcdsRecords(ctx, input) : { records: null, truncated: false };
  await auditExport(ctx, actor, input, {
    format: 'htcds',
    period: input.period,
    access,
    records: records?.length ?? 0,
  });
  return { access, scope, records, truncated, figures };
}
