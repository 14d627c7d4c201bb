import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  AGE_BANDS,
  CASE_STATUSES,
  CONTROL_METHODS,
  JUSTICE_STEPS,
  OFFENCES,
  ORIGIN_REGIONS,
  PERPETRATOR_ROLES,
  REPORTING_BODIES,
  SEXES,
} from '@/lib/enums';
import { HTCDS_EXTENSION_PREFIX, htcdsRecordOf, type HtcdsRecord, type HtcdsSource } from './htcds';

// Every record the export can make, checked against the standard's own field list (read here from
// ../shared/reference/htcds-2.0-fields.csv, not from the mapping): each field name is an HTCDS
// field (not deprecated) or carries the extension prefix; each picklist value is in the field's list.

type Field = { status: string; type: string; values: string[] };

function htcdsFields(): Map<string, Field> {
  const file = path.join(process.cwd(), '..', 'shared', 'reference', 'htcds-2.0-fields.csv');
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return new Map(
    rows
      .filter((r) => r.field !== 'N/A')
      .map((r) => [
        r.field!,
        { status: r.status!, type: r.type!, values: r.values ? r.values.split(' | ').map((v) => v.trim()) : [] },
      ]),
  );
}

/** Every violation of the standard in a record: "field: problem". */
function htcdsViolations(value: unknown, fields: Map<string, Field>, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => htcdsViolations(v, fields, `${at}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const out: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    const where = `${at}.${key}`;
    if (key.startsWith(HTCDS_EXTENSION_PREFIX)) {
      out.push(...htcdsViolations(v, fields, where));
      continue;
    }
    const field = fields.get(key);
    if (!field) {
      out.push(`${where}: not an HTCDS field`);
      continue;
    }
    if (field.status === 'DEPRECATED') out.push(`${where}: deprecated`);
    if (key === 'prs_Citizenship') {
      for (const code of v as string[]) if (!/^[A-Z]{2}$/.test(code)) out.push(`${where}: ${code} is not ISO 3166`);
    } else if (field.type === 'Picklist') {
      if (!field.values.includes(v as string)) out.push(`${where}: ${String(v)} not in the picklist`);
    } else if (field.type === 'Multiselect Picklist') {
      if (!Array.isArray(v)) out.push(`${where}: not a list`);
      else for (const x of v) if (!field.values.includes(x)) out.push(`${where}: ${String(x)} not in the picklist`);
    } else if (field.type.startsWith('Lookup')) {
      out.push(...htcdsViolations(v, fields, where));
    }
  }
  return out;
}

/** Sources covering every value of every category the mapping reads, one record per value. */
function everyCategory(): HtcdsSource[] {
  const party = (i: number): HtcdsSource['parties'][number] => ({
    role: i % 2 === 0 ? 'victim' : 'perpetrator',
    sex: SEXES[i % SEXES.length]!,
    age: AGE_BANDS[i % AGE_BANDS.length]!,
    origin: ORIGIN_REGIONS[i % ORIGIN_REGIONS.length]!,
    citizenship: i % 3 === 0 ? null : ['SE', 'RO', 'NG'][i % 3]!,
    perpetratorRole: i % 2 === 0 ? null : PERPETRATOR_ROLES[((i - 1) / 2) % PERPETRATOR_ROLES.length]!,
    steps: i % 2 === 0 ? [] : [{ lagesbild_Step: JUSTICE_STEPS[i % JUSTICE_STEPS.length]!, lagesbild_Year: 2020 }],
  });
  const n = Math.max(
    CASE_STATUSES.length,
    REPORTING_BODIES.length,
    OFFENCES.length,
    CONTROL_METHODS.length,
    2 * PERPETRATOR_ROLES.length,
    SEXES.length * 2,
  );
  return Array.from({ length: n }, (_, i) => ({
    year: 2020,
    countyLetter: 'AB',
    status: CASE_STATUSES[i % CASE_STATUSES.length]!,
    body: REPORTING_BODIES[i % REPORTING_BODIES.length]!,
    crime: 'yes',
    degree: 'degree_1',
    offences: ['trafficking_other', OFFENCES[i % OFFENCES.length]!],
    methods: [CONTROL_METHODS[i % CONTROL_METHODS.length]!, CONTROL_METHODS[(i + 5) % CONTROL_METHODS.length]!],
    parties: Array.from({ length: 2 * PERPETRATOR_ROLES.length }, (_, j) => party(i + j)),
  }));
}

describe('HTCDS 2.0 records', () => {
  const fields = htcdsFields();

  it('reads the standard’s field list (the check below cannot pass on an empty list)', () => {
    expect(fields.get('prs_Gender')?.values).toContain('NonSpecifiedUnknown');
    expect(fields.get('cas_Status')?.values).toEqual(['Active', 'FollowUp', 'Closed', 'ClosedReferred']);
    expect(htcdsViolations({ prs_Gender: 'Female', cas_Region: 'x', vic_Vulnerabilities: [] }, fields)).toEqual([
      '.prs_Gender: Female not in the picklist',
      '.cas_Region: not an HTCDS field',
      '.vic_Vulnerabilities: deprecated',
    ]);
  });

  it('uses only HTCDS field names and picklist values for every category the register has, the rest under the extension prefix', () => {
    const records = everyCategory().map(htcdsRecordOf);
    expect(records.flatMap((r) => htcdsViolations(r, fields))).toEqual([]);
    // Every value of each mapped field occurs, so the check above saw them all.
    const seen = (pick: (r: HtcdsRecord) => (string | null)[]) => new Set(records.flatMap(pick));
    expect(seen((r) => [...r.lagesbild_Victims, ...r.lagesbild_Perpetrators].map((p) => p.prs_Gender))).toEqual(
      new Set(['Feminine', 'Masculine', 'NonConforming', 'NonSpecifiedUnknown']),
    );
    expect(seen((r) => [r.cas_Status])).toEqual(new Set(['Active', 'Closed']));
    expect(seen((r) => r.lagesbild_Perpetrators.flatMap((p) => p.per_RoleInProcess))).toEqual(
      new Set(['RecruiterOrIntermediary', 'Transporter', 'HarbouredIndividual', 'Exploiter', 'Other']),
    );
  });

  it('maps by meaning: a sex buyer is not BoughtIndividual, the purpose gives the form, the case status is the case’s', () => {
    const [record] = [
      htcdsRecordOf({
        year: 2021,
        countyLetter: 'M',
        status: 'convicted',
        body: 'victim',
        crime: 'yes',
        degree: 'degree_2',
        offences: ['trafficking_sexual', 'sex_purchase'],
        methods: ['threats_family', 'restricts_movement', 'other'],
        parties: [
          {
            role: 'victim',
            sex: 'woman',
            age: '15_17',
            origin: 'eu_east',
            citizenship: 'RO',
            perpetratorRole: null,
            steps: [],
          },
          {
            role: 'perpetrator',
            sex: 'man',
            age: '26_35',
            origin: 'sweden',
            citizenship: null,
            perpetratorRole: 'buyer',
            steps: [{ lagesbild_Step: 'convicted', lagesbild_Year: 2022 }],
          },
        ],
      }),
    ];
    expect(record!.cas_Status).toBe('Active');
    expect(record!.cas_ReferringOrganisation).toBeNull();
    expect(record!.lagesbild_County).toBe('SE-M');
    const [victim] = record!.lagesbild_Victims;
    expect(victim).toMatchObject({
      prs_Gender: 'Feminine',
      prs_Citizenship: ['RO'],
      vic_TypeOfExploitation: ['SexualExploitation'],
      vic_MethodsOfControl: ['ThreatensChildrenFamily', 'Other'],
    });
    const [perpetrator] = record!.lagesbild_Perpetrators;
    expect(perpetrator).toMatchObject({
      prs_Citizenship: [],
      per_RoleInProcess: ['Other'],
      lagesbild_PerpetratorRole: 'buyer',
      lagesbild_JusticeSteps: [{ lagesbild_Step: 'convicted', lagesbild_Year: 2022 }],
    });
  });
});
