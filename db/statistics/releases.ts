import 'server-only';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import { writeAudit } from '@/db/audit';
import { query } from './rollups';
import { appSettings, counties as countiesTable, statisticsReleases, users, type StatisticsRelease } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { isReleaseDay } from '@/lib/schemas/releases';
import { assertCan, can, type Actor } from '@/lib/policy';
import { figuresFingerprint, NATION, regionKey, releaseContentOf } from './cube';
import { loadMedians } from './medians';
import type { Counties } from './rollups';
import { yearPeriod } from '@/lib/periods';
import type { County, ReleaseMedians } from '@/db/schema';
import { suppressionThreshold } from './protection';
import { cubeOptionsOf, loadYearSums } from './year-sums';

// Releases (issue 14, decision 017): outside their scope people see a calendar year's protected
// figures as released, frozen with their pattern — by the national coordinator, or automatically
// on the release day of the following year. A corrected year is only ever shown again as a new
// version, whose pattern keeps every cell the earlier versions hid.

export type ReleaseRow = StatisticsRelease;
export type ReleaseInfo = { year: number; version: number; releasedAt: string; automatic: boolean };

/** The day of the following year on which a year is released automatically, unless set otherwise. */
const DEFAULT_RELEASE_DAY = '03-01';
const RELEASE_DAY_KEY = 'statistics.release_day';

/** 'MM-DD' (a day that exists every year), or null: releases only by hand. */
export type ReleaseDay = string | null;

async function releaseDaySetting(db: Db): Promise<{ day: ReleaseDay; version: number }> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, RELEASE_DAY_KEY));
  if (!row) return { day: DEFAULT_RELEASE_DAY, version: 0 };
  const v = row.value as { day: ReleaseDay };
  return { day: v.day, version: row.version };
}

/** The year before `today`'s, and the years with figures before it (the first year with a case). */
async function completeYears(db: Db, today: string): Promise<number[]> {
  const [row] = await query<{ first: number | null }>(
    db,
    sql`select extract(year from min(year))::int as first from stat_case_years`,
  );
  const last = Number(today.slice(0, 4)) - 1;
  const first = row?.first ?? last + 1;
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}

async function latestOf(db: Db, year: number): Promise<ReleaseRow | null> {
  const [row] = await db
    .select()
    .from(statisticsReleases)
    .where(eq(statisticsReleases.year, year))
    .orderBy(desc(statisticsReleases.version))
    .limit(1);
  return row ?? null;
}

/**
 * Make a new version of the year's release from today's full figures, unless they are the
 * figures of its latest version. `by`: who releases it; null for the automatic release.
 */
async function makeRelease(
  db: Db,
  year: number,
  today: string,
  by: string | null,
): Promise<{ release: ReleaseRow; created: boolean }> {
  const counties = await db.select().from(countiesTable).orderBy(countiesTable.code);
  const sums = (await loadYearSums(db, [year], today)).get(year)!;
  const options = cubeOptionsOf(counties, sums, suppressionThreshold());
  const latest = await latestOf(db, year);
  if (latest && latest.sourceFingerprint === figuresFingerprint(options)) return { release: latest, created: false };
  const content = releaseContentOf(options, latest ?? undefined);
  const medians = await releaseMediansOf(db, year, counties);
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(statisticsReleases)
      .values({
        year,
        version: (latest?.version ?? 0) + 1,
        threshold: options.threshold,
        releasedBy: by,
        automatic: by === null,
        sourceFingerprint: content.fingerprint,
        scopes: content.scopes,
        measures: content.measures,
        cells: content.cells,
        format: content.format,
        hiddenCells: content.hiddenCells,
        medians,
      })
      .onConflictDoNothing()
      .returning();
    if (row)
      await writeAudit(tx, {
        actorId: by,
        action: 'statistics.release',
        entityType: 'statistics',
        entityId: String(year),
        changes: { version: row.version, automatic: row.automatic, hiddenCells: row.hiddenCells },
      });
    return row ?? null;
  });
  // Someone else made this version a moment ago: theirs is the release.
  if (!created) return { release: (await latestOf(db, year))!, created: false };
  return { release: created, created: true };
}

/**
 * The medians a release freezes with its counts: of the nation and of each police region (the
 * scopes whose breakdowns are published outside them; a county's are not).
 */
async function releaseMediansOf(db: Db, year: number, counties: readonly County[]): Promise<ReleaseMedians> {
  const regions = [...new Set(counties.map((c) => c.policeRegion))];
  const scopes: [string, Counties][] = [
    [NATION, 'all'],
    ...regions.map((r): [string, Counties] => [
      regionKey(r),
      counties.filter((c) => c.policeRegion === r).map((c) => c.code),
    ]),
  ];
  const period = yearPeriod(year);
  const entries = await Promise.all(
    scopes.map(async ([key, scope]) => {
      const [medians] = await loadMedians(db, [period] as const, scope, null);
      return [key, medians] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * Per process: the day and release day setting the due automatic releases were last made for.
 * The setting is read each time (one row), so that a change made through another server process
 * is seen at once.
 */
let checked: string | null = null;

/** Make the automatic releases that are due: every complete year without one whose release day has come. */
async function releaseDueYears(db: Db, today: string): Promise<void> {
  const { day, version } = await releaseDaySetting(db);
  const key = `${today}|${version}`;
  if (checked === key) return;
  if (day !== null) await releaseUnreleasedYears(db, today, (year) => `${year + 1}-${day}` <= today);
  checked = key;
}

/**
 * Release automatically every complete year that has no release yet (and passes `due`): the
 * demo does this for all of them, so that a newcomer sees the protected views at once.
 */
export async function releaseUnreleasedYears(
  db: Db,
  today: string,
  due: (year: number) => boolean = () => true,
): Promise<number> {
  const released = new Set(
    (await db.selectDistinct({ year: statisticsReleases.year }).from(statisticsReleases)).map((r) => r.year),
  );
  let made = 0;
  for (const year of await completeYears(db, today))
    if (!released.has(year) && due(year)) made += (await makeRelease(db, year, today, null)).created ? 1 : 0;
  return made;
}

/** The latest version of each year's release (making the automatic ones that are due first). */
export async function latestReleases(
  db: Db,
  years: readonly number[],
  today: string,
): Promise<Map<number, ReleaseRow>> {
  await releaseDueYears(db, today);
  if (years.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([statisticsReleases.year])
    .from(statisticsReleases)
    .where(inArray(statisticsReleases.year, [...years]))
    .orderBy(statisticsReleases.year, desc(statisticsReleases.version));
  return new Map(rows.map((r) => [r.year, r]));
}

/** The years a protected viewer can be shown: those with a release, newest first. */
async function releasedYears(today: string): Promise<number[]> {
  const db = await getDb();
  await releaseDueYears(db, today);
  const rows = await db
    .selectDistinct({ year: statisticsReleases.year })
    .from(statisticsReleases)
    .orderBy(desc(statisticsReleases.year));
  return rows.map((r) => r.year);
}

/** Release a complete year (the national coordinator): a new version when its figures changed since the last. */
export async function releaseYear(
  actor: Actor,
  input: { year: number; today: string },
): Promise<{ release: ReleaseInfo; created: boolean }> {
  assertCan(actor, 'statistics.release');
  const thisYear = Number(input.today.slice(0, 4));
  if (!Number.isInteger(input.year) || input.year < 1990 || input.year >= thisYear)
    throw new AppError('invalid', 'year_not_complete', { message: 'statistics.releases.errors.notComplete' });
  const { release, created } = await makeRelease(await getDb(), input.year, input.today, actor.id);
  return { release: releaseInfoOf(release), created };
}

export function releaseInfoOf(r: Pick<ReleaseRow, 'year' | 'version' | 'releasedAt' | 'automatic'>): ReleaseInfo {
  return { year: r.year, version: r.version, releasedAt: r.releasedAt.toISOString(), automatic: r.automatic };
}

export type ReleaseVersion = ReleaseInfo & { releasedBy: string | null; hiddenCells: number; threshold: number };

export type ReleaseList = {
  /** The threshold the figures are protected below. */
  threshold: number;
  releaseDay: ReleaseDay;
  settingVersion: number;
  /** May release and set the release day (the national coordinator). */
  mayRelease: boolean;
  years: {
    year: number;
    versions: ReleaseVersion[];
    /** For the national coordinator: the full figures differ from the latest version's (null: not released). */
    changed: boolean | null;
  }[];
};

/** Every complete year and its releases, newest first; whether each changed since, for those who may release. */
export async function listReleases(actor: Actor, today: string): Promise<ReleaseList> {
  if (!can(actor, 'statistics.read_suppressed') && !can(actor, 'statistics.read'))
    throw new AppError('forbidden', `${actor.role} may not read releases`);
  const db = await getDb();
  await releaseDueYears(db, today);
  const mayRelease = can(actor, 'statistics.release');
  const [setting, years, rows] = await Promise.all([
    releaseDaySetting(db),
    completeYears(db, today),
    db
      .select({
        year: statisticsReleases.year,
        version: statisticsReleases.version,
        releasedAt: statisticsReleases.releasedAt,
        automatic: statisticsReleases.automatic,
        hiddenCells: statisticsReleases.hiddenCells,
        threshold: statisticsReleases.threshold,
        sourceFingerprint: statisticsReleases.sourceFingerprint,
        releasedBy: users.displayName,
      })
      .from(statisticsReleases)
      .leftJoin(users, eq(users.id, statisticsReleases.releasedBy))
      .orderBy(desc(statisticsReleases.year), desc(statisticsReleases.version)),
  ]);
  const fingerprints = new Map<number, string>();
  if (mayRelease && years.length > 0) {
    const counties = await db.select().from(countiesTable).orderBy(countiesTable.code);
    const sums = await loadYearSums(db, years, today);
    for (const y of years)
      fingerprints.set(y, figuresFingerprint(cubeOptionsOf(counties, sums.get(y)!, suppressionThreshold())));
  }
  const allYears = [...new Set([...years, ...rows.map((r) => r.year)])].sort((a, b) => b - a);
  return {
    threshold: suppressionThreshold(),
    releaseDay: setting.day,
    settingVersion: setting.version,
    mayRelease,
    years: allYears.map((year) => {
      const versions = rows.filter((r) => r.year === year);
      const latest = versions[0];
      return {
        year,
        versions: versions.map((r) => ({
          ...releaseInfoOf(r),
          hiddenCells: r.hiddenCells,
          threshold: r.threshold,
          // Names of who released are for those who release; others see that a person did.
          releasedBy: mayRelease ? r.releasedBy : null,
        })),
        changed: !mayRelease || !latest ? null : fingerprints.get(year) !== latest.sourceFingerprint,
      };
    }),
  };
}

/** Set the release day (or none: by hand only); `version`: the setting's as the form was loaded. */
export async function setReleaseDay(
  actor: Actor,
  input: { day: ReleaseDay; version: number },
): Promise<{ version: number }> {
  assertCan(actor, 'statistics.release');
  if (input.day !== null && !isReleaseDay(input.day))
    throw new AppError('invalid', 'release_day', { field: 'day', message: 'statistics.releases.errors.day' });
  const db = await getDb();
  return db.transaction(async (tx) => {
    const value = { day: input.day };
    let saved: number;
    if (input.version === 0) {
      const [row] = await tx
        .insert(appSettings)
        .values({ key: RELEASE_DAY_KEY, value, updatedBy: actor.id })
        .onConflictDoNothing()
        .returning();
      if (!row) throw new AppError('conflict', 'stale', { message: 'errors.conflict' });
      saved = row.version;
    } else {
      const [row] = await tx
        .update(appSettings)
        .set({ value, updatedBy: actor.id, updatedAt: new Date(), version: sql`${appSettings.version} + 1` })
        .where(and(eq(appSettings.key, RELEASE_DAY_KEY), eq(appSettings.version, input.version)))
        .returning();
      if (!row) throw new AppError('conflict', 'stale', { message: 'errors.conflict' });
      saved = row.version;
    }
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'statistics.release_day',
      entityType: 'statistics',
      changes: { day: input.day },
    });
    return { version: saved };
  });
}

/**
 * For a page: the years a protected view may show (null in full) and whether the chosen one is
 * released, so that the page says so instead of asking for figures nobody may be shown.
 */
export async function releaseGate(
  access: 'full' | 'suppressed',
  year: number,
  today: string,
): Promise<{ years: number[] | null; released: boolean }> {
  if (access === 'full') return { years: null, released: true };
  const years = await releasedYears(today);
  return { years, released: years.includes(year) };
}
