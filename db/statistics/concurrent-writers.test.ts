import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { getCaseForActor } from '@/db/queries/cases/detail';
import { recordPerpetratorSteps } from '@/db/queries/cases/justice';
import { createCase, deleteCase, updateCase } from '@/db/queries/cases/register';
import { recordStatusStep } from '@/db/queries/cases/status';
import { makeUser } from '@/db/test/helpers';
import type { Offence } from '@/lib/enums';
import {
  CaseEditSchema,
  CaseSchema,
  PerpetratorStepSchema,
  StatusStepSchema,
  type CaseInput,
  type PartyInput,
} from '@/lib/schemas/cases';
import { rollupDifferences } from './rollup-check';

// Several people registering and editing in one county at once is everyday use (issue 21): on
// PostgreSQL, eight writers register, edit, step and delete cases of one county, on the same
// few days and offence combinations (the same rollup rows), all at the same time. None may fail,
// and afterwards every rollup equals a GROUP BY over the rows (decision 016). PGlite has one
// connection, so its transactions never overlap: the same writes run there one after another,
// which still checks the figures.

const COUNTY = '22';
const WRITERS = 8;
const ROUNDS = 3;

const victim = (sex: string): PartyInput =>
  ({
    role: 'victim',
    sex,
    ageBand: '18_20',
    originRegion: 'eu_east',
    citizenship: '',
    plaintiffStatus: 'yes',
    residencePermit: 'not_relevant',
    support: ['counselling'],
  }) as PartyInput;
const perpetrator = (sex: string): PartyInput =>
  ({
    role: 'perpetrator',
    sex,
    ageBand: '26_35',
    originRegion: 'sweden',
    citizenship: '',
    perpetratorRole: 'exploiter',
  }) as PartyInput;

function form(overrides: Partial<CaseInput>): CaseInput {
  return {
    countyCode: COUNTY,
    reportedOn: '1994-03-01',
    reportingBody: 'police',
    policeReportNumber: '',
    offences: ['procuring'],
    arena: 'apartment',
    onlinePlatform: 'unknown',
    crossBorder: 'unknown',
    crimeEstablished: 'yes',
    coercionDegree: 'degree_2',
    controlMethods: [],
    notes: '',
    parties: [],
    ...overrides,
  };
}

const DAYS = ['1994-03-01', '1994-03-02', '1994-04-01'];
const OFFENCE_SETS: Offence[][] = [['procuring'], ['procuring', 'sex_purchase'], ['trafficking_sexual', 'procuring']];

describe('writers in one county at the same time', () => {
  it('register, edit, step and delete without an error, and the rollups equal a GROUP BY afterwards', async () => {
    const coordinator = await makeUser('county_coordinator', COUNTY);
    const db = await getDb();

    async function writer(w: number) {
      for (let round = 0; round < ROUNDS; round++) {
        const k = w + round;
        const { id } = await createCase(
          coordinator,
          CaseSchema.parse(
            form({
              reportedOn: DAYS[k % DAYS.length],
              offences: OFFENCE_SETS[k % OFFENCE_SETS.length],
              parties: [victim('woman'), perpetrator('man')],
            }),
          ),
        );
        // An edit that replaces the offences and adds a party: other rollup rows of the same days.
        let detail = await getCaseForActor(coordinator, id);
        await updateCase(
          coordinator,
          CaseEditSchema.parse({
            ...form({
              reportedOn: detail.reportedOn,
              offences: OFFENCE_SETS[(k + 1) % OFFENCE_SETS.length],
              parties: [
                ...detail.parties.map((p) => ({
                  ...(p.role === 'victim' ? victim('woman') : perpetrator('man')),
                  id: p.id,
                })),
                victim('man'),
              ] as PartyInput[],
            }),
            id,
            version: String(detail.version),
          }),
        );
        detail = await getCaseForActor(coordinator, id);
        await recordStatusStep(
          coordinator,
          StatusStepSchema.parse({
            id,
            version: String(detail.version),
            status: 'investigation',
            occurredOn: '1994-05-02',
            note: '',
          }),
        );
        detail = await getCaseForActor(coordinator, id);
        await recordPerpetratorSteps(
          coordinator,
          PerpetratorStepSchema.parse({
            id,
            version: String(detail.version),
            partyIds: detail.perpetratorPaths.map((p) => p.partyId),
            step: 'prosecuted',
            occurredOn: '1994-06-01',
            offences: [detail.offences[0]!],
            sanction: '',
          }),
        );
        if ((w + round) % 2 === 0) {
          detail = await getCaseForActor(coordinator, id);
          await deleteCase(coordinator, { id, version: detail.version });
        }
      }
    }

    const results = await Promise.allSettled(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    const failures = results.flatMap((r) =>
      r.status === 'rejected' ? [String((r.reason as { code?: string }).code ?? r.reason)] : [],
    );
    expect(failures).toEqual([]);
    const differences = await rollupDifferences(db);
    expect(Object.values(differences).every((n) => n === 0) ? 'none' : differences).toBe('none');
  }, 180_000);
});

describe.skipIf(!process.env.DATABASE_URL)('two writers whose changes meet in opposite orders (PostgreSQL)', () => {
  /**
   * Each changes two cases of one county, one reported in 1992 and one in 1993 (their day, month
   * and year rollup rows are the other writer's too), in opposite orders. Applied statement by
   * statement (`set constraints … immediate`), each would hold one year's rows and wait for the
   * other's: a deadlock. Applied at commit in key order (decision 016), both go through.
   */
  async function changeInOppositeOrders(immediate: boolean): Promise<string[]> {
    const coordinator = await makeUser('county_coordinator', COUNTY);
    const register = async (reportedOn: string) =>
      (await createCase(coordinator, CaseSchema.parse(form({ reportedOn, offences: ['procuring'] })))).id;
    const order = [
      [await register('1992-02-03'), await register('1993-02-03')],
      [await register('1993-02-03'), await register('1992-02-03')],
    ];
    const { default: postgres } = await import('postgres');
    const client = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
    try {
      const writers = [await client.reserve(), await client.reserve()];
      for (const w of writers) {
        await w`begin`;
        if (immediate) await w`set constraints stat_case_pending_apply immediate`;
      }
      const change = (w: (typeof writers)[number], id: string) =>
        w`update cases set crime_established = 'uncertain' where id = ${id}`;
      await change(writers[0]!, order[0]![0]!);
      await change(writers[1]!, order[1]![0]!);
      const results = await Promise.allSettled(
        writers.map(async (w, i) => {
          try {
            await change(w, order[i]![1]!);
            await w`commit`;
          } catch (error) {
            await w`rollback`;
            throw error;
          } finally {
            w.release();
          }
        }),
      );
      return results.map((r) => (r.status === 'rejected' ? String((r.reason as { code?: string }).code) : 'ok')).sort();
    } finally {
      await client.end();
    }
  }

  it('never deadlock on the case rollups, and the rollups equal a GROUP BY afterwards', async () => {
    expect(await changeInOppositeOrders(false)).toEqual(['ok', 'ok']);
    const differences = await rollupDifferences(await getDb());
    expect(Object.values(differences).every((n) => n === 0) ? 'none' : differences).toBe('none');
  }, 60_000);

  it('would deadlock if the sums were applied statement by statement (the test can fail)', async () => {
    expect(await changeInOppositeOrders(true)).toEqual(['40P01', 'ok']);
    const differences = await rollupDifferences(await getDb());
    expect(Object.values(differences).every((n) => n === 0) ? 'none' : differences).toBe('none');
  }, 60_000);
});
