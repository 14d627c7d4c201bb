import 'server-only';
import { sql } from 'drizzle-orm';
import { writeAudit } from '@/db/audit';
import { SEXES } from '@/lib/enums';
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
import { countOf, measuresOf } from './cube';
import { htcds } from './htcds';
import { AGE_GROUPS, CITIZENSHIP_GROUPS, EXPLOITATION_FORMS } from './measures';
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
function auditExport(ctx: StatisticsContext, actor: Actor, input: ExportInput, changes: Record<string, unknown>) {
  return writeAudit(ctx.db, {
    actorId: actor.id,
    action: 'statistics.export',
    entityType: 'statistics',
    countyCode: input.county,
    changes,
  });
}

// ── Eurostat ─────────────────────────────────────────────────────────────────────────────────

const LEGAL_STATUSES = [
  { status: 'victim', prefix: 'v_sex_', total: 'victims' },
  { status: 'suspected', prefix: 'p_sex_', total: 'perpetrators' },
  { status: 'prosecuted', prefix: 'p_prosecuted_sex_', total: 'p_prosecuted' },
  { status: 'convicted', prefix: 'p_convicted_sex_', total: 'p_convicted' },
] as const;

export type EurostatRow = {
  table: 'persons_by_legal_status' | 'victims_by_citizenship_exploitation_age';
  legalStatus: string | null;
  sex: string | null;
  citizenship: string | null;
  exploitation: string | null;
  age: string | null;
  count: Count;
};

/** Persons by legal status and sex, each status with its total. */
function legalStatusRows(get: Lookup): EurostatRow[] {
  const row = (legalStatus: string, sex: string, count: Count): EurostatRow => ({
    table: 'persons_by_legal_status',
    legalStatus,
    sex,
    citizenship: null,
    exploitation: null,
    age: null,
    count,
  });
  return LEGAL_STATUSES.flatMap((l) => [
    ...SEXES.map((s) => row(l.status, s, get(`${l.prefix}${s}`))),
    row(l.status, 'total', get(l.total)),
  ]);
}

/** Victims by form of exploitation, citizenship and age, each form with its total, and all victims. */
function victimRows(get: Lookup): EurostatRow[] {
  const row = (citizenship: string, exploitation: string, age: string, count: Count): EurostatRow => ({
    table: 'victims_by_citizenship_exploitation_age',
    legalStatus: 'victim',
    sex: null,
    citizenship,
    exploitation,
    age,
    count,
  });
  return [
    ...EXPLOITATION_FORMS.flatMap((f) => [
      ...CITIZENSHIP_GROUPS.flatMap((c) => AGE_GROUPS.map((a) => row(c, f, a, get(`eu_${f}_${c}_${a}`)))),
      row('total', f, 'total', get(`eu_form_${f}`)),
    ]),
    row('total', 'total', 'total', get('victims')),
  ];
}

/** The two Eurostat crim_thb tables for a scope and period, suppressed as the dashboard is. */
export async function getEurostatTables(
  actor: Actor,
  input: ExportInput,
): Promise<{ access: Access; rows: EurostatRow[]; scope: StatisticsScope }> {
  const { access, ctx, scope, get } = await exportFigures(actor, input);
  const rows = [...legalStatusRows(get), ...victimRows(get)].filter((r) => published(r.count));
  await auditExport(ctx, actor, input, { format: 'eurostat', period: input.period, access });
  return { access, rows, scope };
}

// ── HTCDS ────────────────────────────────────────────────────────────────────────────────────

const HTCDS_EXPORT_CAP = 100_000;

export type HtcdsCase = {
  cas_YearOfRegistration: number;
  cas_Country: 'SE';
  cas_Region: string;
  cas_Status: string;
  cas_ReferringOrganisation: string;
  cas_CrimeEstablished: string;
  cas_CoercionDegree: string;
  cas_Offences: string[];
  vic_TypeOfExploitation: string;
  vic_MethodsOfControl: string[];
  parties: {
    per_Role: 'Victim' | 'Perpetrator';
    prs_Gender: string;
    prs_AgeBand: string;
    prs_CitizenshipGroup: string;
    prs_OriginRegion: string;
    per_RoleInProcess: string | null;
  }[];
};

type HtcdsRow = {
  year: number;
  county: string;
  status: string;
  body: string;
  crime: string;
  degree: string;
  offences: string[] | string;
  methods: string[] | string;
  parties: unknown;
};

/** The cases of the scope and period in HTCDS codes, at most HTCDS_EXPORT_CAP of them. */
async function loadHtcdsCases(ctx: StatisticsContext, input: ExportInput) {
  const countyFilter = countyCondition('c.county_code', input.county === null ? 'all' : [input.county]);
  const found = await query<HtcdsRow>(
    ctx.db,
    // Ordered by what is exported, never by date or reference: the order gives nothing away.
    sql`select extract(year from c.reported_on)::int as year, c.county_code as county, c.status::text as status, c.reporting_body::text as body,
               c.crime_established::text as crime, c.coercion_degree::text as degree, c.control_methods::text[] as methods,
               coalesce((select array_agg(o.offence::text order by o.offence) from case_offences o where o.case_id = c.id), '{}') as offences,
               coalesce((select json_agg(json_build_object('role', p.role, 'sex', p.sex, 'age', p.age_band, 'origin', p.origin_region, 'citizenship', p.citizenship, 'perpetratorRole', p.perpetrator_role) order by p.role, p.sex, p.age_band, p.origin_region)
                         from case_parties p where p.case_id = c.id), '[]') as parties
        from cases c
        where c.deleted_at is null and c.reported_on between ${input.period.from}::date and ${input.period.to}::date${countyFilter}
        order by 1, 2, 3, 4, 5, 6
        limit ${HTCDS_EXPORT_CAP + 1}`,
  );
  return {
    cases: found.slice(0, HTCDS_EXPORT_CAP).map((r) => htcds.toCase(r, ctx.counties)),
    truncated: found.length > HTCDS_EXPORT_CAP,
  };
}

/**
 * HTCDS records (full viewers only: their own county, or the nation for the national
 * coordinator) — without references, police report numbers, ids or dates finer than the year —
 * and aggregates in HTCDS codes for everyone, suppressed for viewers outside the county.
 */
export async function getHtcdsExport(
  actor: Actor,
  input: ExportInput,
): Promise<{
  access: Access;
  scope: StatisticsScope;
  cases: HtcdsCase[] | null;
  truncated: boolean;
  aggregates: { dimension: string; code: string; count: Count }[];
}> {
  const { access, ctx, scope, get } = await exportFigures(actor, input);
  const aggregates = htcds.aggregates
    .map((a) => ({ dimension: a.dimension, code: a.code, count: get(a.measure) }))
    .filter((a) => published(a.count));
  const { cases, truncated } = access === 'full' ? await loadHtcdsCases(ctx, input) : { cases: null, truncated: false };
  await auditExport(ctx, actor, input, { format: 'htcds', period: input.period, access, records: cases?.length ?? 0 });
  return { access, scope, cases, truncated, aggregates };
}
