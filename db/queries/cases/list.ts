import 'server-only';
import { and, asc, desc, eq, gte, lte, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import {
  CASE_SORTS,
  normalisePoliceReportNumber,
  UUID_PATTERN,
  isIsoDate,
  type CaseFilterOutput,
  type CaseSort,
} from '@/lib/schemas/cases';
import type {
  Arena,
  CaseStatus,
  CoercionDegree,
  ControlMethod,
  CrimeEstablished,
  Offence,
  ReportingBody,
  YesNoUnknown,
} from '@/lib/enums';
import { assertCan, type Actor } from '@/lib/policy';
import { getDb, type Db } from '@/db/index';
import { caseOffences, caseParties, cases } from '@/db/schema';
import { auditedExport } from '../_shared/export';
import { listedRecords } from '../_shared/scope';
import { caseRecords } from './record';

// The case list and its export: one filter, one order, and the page chosen before anything is
// joined to it.

export type CaseFilter = Partial<CaseFilterOutput>;

export type CaseListRow = {
  id: string;
  reference: string;
  countyCode: string;
  reportedOn: string;
  offences: Offence[];
  status: CaseStatus;
  statusOn: string;
  coercionDegree: CoercionDegree;
  reportingBody: ReportingBody;
  crimeEstablished: CrimeEstablished;
  victimCount: number;
  perpetratorCount: number;
  deletedAt: Date | null;
};

export type CaseListPage = {
  rows: CaseListRow[];
  /** Matches of the filter, exact up to COUNT_CAP; above it `COUNT_CAP` with totalIsLowerBound (show "10 000+"). */
  total: number;
  totalIsLowerBound: boolean;
  /** Pass as `cursor` for the next/previous page; null at either end. */
  nextCursor: string | null;
  prevCursor: string | null;
};

/**
 * The total is counted exactly up to 10 000 and shown as "10 000+" above: counting all of a
 * million matching rows would read them all on every page view (a national unfiltered list), while
 * `count(*)` over a `limit 10001` subquery stops early and still gives every county and most
 * filters their exact figure.
 */
export const COUNT_CAP = 10_000;
const EXPORT_CAP = 100_000;
const PAGE_SIZE_MAX = 100;

/** WHERE conditions of the list and the export: the actor's scope first, then the filter. */
function listConditions(actor: Actor, filter: CaseFilter): SQL[] {
  const conditions: SQL[] = [listedRecords(actor, caseRecords, filter)];
  if (filter.from && isIsoDate(filter.from)) conditions.push(gte(cases.reportedOn, filter.from));
  if (filter.to && isIsoDate(filter.to)) conditions.push(lte(cases.reportedOn, filter.to));
  if (filter.offence) {
    conditions.push(
      sql`exists (select 1 from ${caseOffences} where ${caseOffences.caseId} = ${cases.id} and ${caseOffences.offence} = ${filter.offence})`,
    );
  }
  if (filter.status) conditions.push(eq(cases.status, filter.status));
  if (filter.coercionDegree) conditions.push(eq(cases.coercionDegree, filter.coercionDegree));
  if (filter.reportingBody) conditions.push(eq(cases.reportingBody, filter.reportingBody));
  if (filter.crimeEstablished) conditions.push(eq(cases.crimeEstablished, filter.crimeEstablished));
  const q = filter.q?.trim();
  if (q)
    conditions.push(
      or(eq(cases.reference, q.toUpperCase()), eq(cases.policeReportNumber, normalisePoliceReportNumber(q)))!,
    );
  return conditions;
}

// Keyset cursors: the sort key of the first or last row of a page, the direction and the sort they
// belong to, as base64url JSON. Opaque to the page; anything that does not decode is ignored.
type Cursor = { s: CaseSort; d: 'n' | 'p'; k: string; i: string };

function encodeCursor(
  sort: CaseSort,
  direction: 'n' | 'p',
  row: { reportedOn: string; reference: string; id: string },
): string {
  const key = sort.startsWith('reference') ? row.reference : row.reportedOn;
  return Buffer.from(JSON.stringify({ s: sort, d: direction, k: key, i: row.id } satisfies Cursor)).toString(
    'base64url',
  );
}

function decodeCursor(value: string | undefined, sort: CaseSort): Cursor | null {
  if (!value) return null;
  try {
    const c = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (c.s !== sort || !(CASE_SORTS as readonly string[]).includes(c.s)) return null;
    if (c.d !== 'n' && c.d !== 'p') return null;
    if (typeof c.k !== 'string' || typeof c.i !== 'string' || !UUID_PATTERN.test(c.i)) return null;
    const keyOk = sort.startsWith('reference') ? /^[A-Z]{1,2}-\d{4}-\d{4,}$/.test(c.k) : isIsoDate(c.k);
    return keyOk ? (c as Cursor) : null;
  } catch {
    return null;
  }
}

/** Rows strictly beyond the cursor in the reading direction (ascending or descending). */
function keysetCondition(sort: CaseSort, cursor: Cursor, ascending: boolean): SQL {
  const op = ascending ? sql`>` : sql`<`;
  if (sort.startsWith('reference')) return sql`${cases.reference} ${op} ${cursor.k}`;
  // A row comparison: matches the (reported_on, id) indexes, scanned forwards or backwards.
  return sql`(${cases.reportedOn}, ${cases.id}) ${op} (${cursor.k}::date, ${cursor.i}::uuid)`;
}

function sortColumns(sort: CaseSort, source: SortSource, ascending: boolean): SQL[] {
  const dir = ascending ? asc : desc;
  return sort.startsWith('reference') ? [dir(source.reference)] : [dir(source.reportedOn), dir(source.id)];
}

const isAscending = (sort: CaseSort) => sort === 'reported_asc' || sort === 'reference_asc';

const pageColumns = {
  id: cases.id,
  reference: cases.reference,
  countyCode: cases.countyCode,
  reportedOn: cases.reportedOn,
  status: cases.status,
  statusOn: cases.statusOn,
  coercionDegree: cases.coercionDegree,
  reportingBody: cases.reportingBody,
  crimeEstablished: cases.crimeEstablished,
  deletedAt: cases.deletedAt,
  policeReportNumber: cases.policeReportNumber,
  arena: cases.arena,
  onlinePlatform: cases.onlinePlatform,
  crossBorder: cases.crossBorder,
  controlMethods: cases.controlMethods,
  createdAt: cases.createdAt,
  updatedAt: cases.updatedAt,
};

type SortSource = { reportedOn: AnyColumn; id: AnyColumn; reference: AnyColumn };

/**
 * The matching cases in order, `limit` of them, with their offences and party counts. The page is
 * chosen first (a CTE that the keyset indexes serve), and only its rows are joined to offences and
 * parties: one statement, no N+1, and the aggregation costs the same whatever the table's size.
 */
async function selectCases(
  db: Db,
  where: SQL[],
  order: (source: SortSource) => SQL[],
  limit: number,
): Promise<CaseExportRow[]> {
  const page = db.$with('page').as(
    db
      .select(pageColumns)
      .from(cases)
      .where(and(...where))
      .orderBy(...order(cases))
      .limit(limit),
  );
  // Spelled out as page.id: drizzle renders a CTE's column unqualified, which inside these
  // subqueries would name the subquery's own id.
  const partyCounts = db
    .select({
      victims: sql<number>`count(*) filter (where ${caseParties.role} = 'victim')::int`.as('victims'),
      perpetrators: sql<number>`count(*) filter (where ${caseParties.role} = 'perpetrator')::int`.as('perpetrators'),
    })
    .from(caseParties)
    .where(sql`${caseParties.caseId} = page.id`)
    .as('party_counts');
  const rows = await db
    .with(page)
    .select({
      id: page.id,
      reference: page.reference,
      countyCode: page.countyCode,
      reportedOn: page.reportedOn,
      status: page.status,
      statusOn: page.statusOn,
      coercionDegree: page.coercionDegree,
      reportingBody: page.reportingBody,
      crimeEstablished: page.crimeEstablished,
      deletedAt: page.deletedAt,
      policeReportNumber: page.policeReportNumber,
      arena: page.arena,
      onlinePlatform: page.onlinePlatform,
      crossBorder: page.crossBorder,
      controlMethods: page.controlMethods,
      createdAt: page.createdAt,
      updatedAt: page.updatedAt,
      // ::text[]: drivers parse text arrays, not arrays of an enum type they do not know.
      offences: sql<
        Offence[]
      >`coalesce((select array_agg(o.offence::text order by o.offence) from ${caseOffences} o where o.case_id = page.id), '{}')`,
      victimCount: partyCounts.victims,
      perpetratorCount: partyCounts.perpetrators,
    })
    .from(page)
    .leftJoinLateral(partyCounts, sql`true`)
    .orderBy(...order(page));
  return rows.map((r) => ({
    ...r,
    victimCount: Number(r.victimCount ?? 0),
    perpetratorCount: Number(r.perpetratorCount ?? 0),
  }));
}

function listRow(r: CaseExportRow): CaseListRow {
  return {
    id: r.id,
    reference: r.reference,
    countyCode: r.countyCode,
    reportedOn: r.reportedOn,
    offences: r.offences,
    status: r.status,
    statusOn: r.statusOn,
    coercionDegree: r.coercionDegree,
    reportingBody: r.reportingBody,
    crimeEstablished: r.crimeEstablished,
    victimCount: r.victimCount,
    perpetratorCount: r.perpetratorCount,
    deletedAt: r.deletedAt,
  };
}

async function countCapped(db: Db, where: SQL[]): Promise<{ total: number; totalIsLowerBound: boolean }> {
  const matches = db
    .select({ one: sql`1`.as('one') })
    .from(cases)
    .where(and(...where))
    .limit(COUNT_CAP + 1)
    .as('matches');
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(matches);
  const n = Number(row?.n ?? 0);
  return n > COUNT_CAP ? { total: COUNT_CAP, totalIsLowerBound: true } : { total: n, totalIsLowerBound: false };
}

/**
 * A page of the case list, keyset-paginated on (reported_on, id), or on reference for the
 * reference sorts, so that page 1 000 costs what page 1 costs and no row is skipped or repeated
 * when cases are added meanwhile.
 */
export async function listCasesForActor(actor: Actor, filter: CaseFilter = {}, pageSize = 25): Promise<CaseListPage> {
  assertCan(actor, 'case.read');
  const db = await getDb();
  const size = Math.min(Math.max(1, Math.trunc(pageSize) || 25), PAGE_SIZE_MAX);
  const sort = filter.sort ?? 'reported_desc';
  const where = listConditions(actor, filter);
  const cursor = decodeCursor(filter.cursor, sort);
  const backwards = cursor?.d === 'p';
  // Reading backwards (previous page) walks the index the other way and turns the rows around.
  const ascending = isAscending(sort) !== backwards;
  const pageWhere = cursor ? [...where, keysetCondition(sort, cursor, ascending)] : where;

  const [fetched, count] = await Promise.all([
    selectCases(db, pageWhere, (source) => sortColumns(sort, source, ascending), size + 1),
    countCapped(db, where),
  ]);
  const more = fetched.length > size;
  const rows = fetched.slice(0, size);
  if (backwards) rows.reverse();

  if (backwards && rows.length === 0) {
    // Everything before the cursor went away (deleted meanwhile): start again from the top.
    return listCasesForActor(actor, { ...filter, cursor: undefined }, size);
  }
  const first = rows[0];
  const last = rows.at(-1);
  let nextCursor: string | null = null;
  let prevCursor: string | null = null;
  if (backwards) {
    prevCursor = more && first ? encodeCursor(sort, 'p', first) : null;
    nextCursor = last ? encodeCursor(sort, 'n', last) : null;
  } else {
    nextCursor = more && last ? encodeCursor(sort, 'n', last) : null;
    if (cursor)
      prevCursor = first
        ? encodeCursor(sort, 'p', first)
        : encodeCursor(sort, 'p', { reportedOn: cursor.k, reference: cursor.k, id: cursor.i });
  }

  return {
    rows: rows.map(listRow),
    total: count.total,
    totalIsLowerBound: count.totalIsLowerBound,
    nextCursor,
    prevCursor,
  };
}

export type CaseExportRow = CaseListRow & {
  policeReportNumber: string | null;
  arena: Arena;
  onlinePlatform: YesNoUnknown;
  crossBorder: YesNoUnknown;
  controlMethods: ControlMethod[];
  createdAt: Date;
  updatedAt: Date;
};

/**
 * Every matching case (up to EXPORT_CAP) for CSV/XLSX, one row per case, in the list's order.
 * Free-text notes and the parties' details stay out of exports; party counts by role go in.
 * Writes a 'case.export' audit row with the filter.
 */
export async function exportCasesForActor(
  actor: Actor,
  filter: CaseFilter = {},
): Promise<{ rows: CaseExportRow[]; truncated: boolean }> {
  assertCan(actor, 'case.read');
  const db = await getDb();
  const sort = filter.sort ?? 'reported_desc';
  const fetched = await selectCases(
    db,
    listConditions(actor, filter),
    (source) => sortColumns(sort, source, isAscending(sort)),
    EXPORT_CAP + 1,
  );
  const auditedFilter = { ...filter, cursor: undefined };
  return auditedExport(db, actor, { entityType: 'case', filter: auditedFilter, cap: EXPORT_CAP }, fetched);
}
