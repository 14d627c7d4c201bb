import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import sv from '../../messages/sv.json';
import type { Messages } from 'next-intl';
import * as enums from '@/lib/enums';
import { ACTIONS } from '@/lib/policy';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, auditLabelKey } from '@/lib/audit-events';

// Every string a person reads lives in messages/sv.json and messages/en.json. These tests fail on
// a key that one language lacks, and on a key the code uses that neither has. (At run time the
// test servers also set I18N_STRICT=1, which turns a missing message into an error: request.ts.)

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of leaves(value, full)) out.set(k, v);
  }
  return out;
}

const svLeaves = leaves(sv as Tree);
const enLeaves = leaves(en as Tree);

function hasKey(key: string): boolean {
  if (svLeaves.has(key)) return true;
  // A namespace (e.g. t('enums.offence') is not a message, but `t.has` on a prefix is).
  return [...svLeaves.keys()].some((k) => k.startsWith(`${key}.`));
}

/** The ICU arguments a message takes ({name}, {count, plural, …}). */
function argumentsOf(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\s*([A-Za-z0-9_]+)\s*[,}]/g)].map((m) => m[1]!))].sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.(type-)?test\.tsx?$/.test(name) ? [full] : [];
  });
}

const root = path.resolve(__dirname, '../..');
const files = [...sourceFiles(path.join(root, 'app')), ...sourceFiles(path.join(root, 'components'))];

type Declaration = { name: string; namespace: string; at: number };

/**
 * Translator variables and their namespaces: `const t = useTranslations('a')`, and
 * `[t, tB] = await Promise.all([getTranslations('a'), getTranslations('b'), …])`. A file may
 * declare the same name in several functions: a call belongs to the nearest declaration before it.
 */
function translators(source: string): Declaration[] {
  const found: Declaration[] = [];
  for (const m of source.matchAll(
    /const\s+(\w+)\s*=\s*(?:await\s+)?(?:useTranslations|getTranslations)\(\s*(?:'([^']*)')?\s*\)/g,
  ))
    found.push({ name: m[1]!, namespace: m[2] ?? '', at: m.index });
  for (const m of source.matchAll(/const\s+\[([^\]]+)\]\s*=\s*await\s+Promise\.all\(\[([\s\S]*?)\]\)/g)) {
    const names = m[1]!.split(',').map((s) => s.trim());
    const calls = m[2]!.split(/,(?![^(]*\))/).map((s) => s.trim());
    names.forEach((name, i) => {
      const call = calls[i]?.match(/^getTranslations\(\s*(?:'([^']*)')?\s*\)$/);
      if (call && /^\w+$/.test(name)) found.push({ name, namespace: call[1] ?? '', at: m.index });
    });
  }
  return found.sort((a, b) => a.at - b.at);
}

/**
 * The one catalogue of enum labels, "enums.<name>.<value>", and the list in lib/enums.ts that each
 * labels. The `satisfies` makes a value without a Swedish label fail to compile; the test below
 * checks both languages, and that the catalogue labels exactly these values.
 */
const CATALOGUE = {
  offence: enums.OFFENCES,
  reportingBody: enums.REPORTING_BODIES,
  arena: enums.ARENAS,
  yesNoUnknown: enums.YES_NO_UNKNOWN,
  crimeEstablished: enums.CRIME_ESTABLISHED,
  coercionDegree: enums.COERCION_DEGREES,
  controlMethod: enums.CONTROL_METHODS,
  partyRole: enums.PARTY_ROLES,
  sex: enums.SEXES,
  ageBand: enums.AGE_BANDS,
  originRegion: enums.ORIGIN_REGIONS,
  residencePermit: enums.RESIDENCE_PERMITS,
  supportMeasure: enums.SUPPORT_MEASURES,
  perpetratorRole: enums.PERPETRATOR_ROLES,
  caseStatus: enums.CASE_STATUSES,
  justiceStep: enums.JUSTICE_STEPS,
  sanction: enums.SANCTIONS,
  prisonBand: enums.PRISON_BANDS,
  groupKind: enums.GROUP_KINDS,
  eventFormat: enums.EVENT_FORMATS,
  actionItemStatus: enums.ACTION_ITEM_STATUSES,
  trainingOrganiser: enums.TRAINING_ORGANISERS,
  trainingTheme: enums.TRAINING_THEMES,
  trainingAudience: enums.TRAINING_AUDIENCES,
} satisfies { [Name in keyof Messages['enums']]: readonly (keyof Messages['enums'][Name])[] };

/** Lists of lib/enums.ts that are parts of another and share its labels. */
const SUBSETS: Record<string, keyof typeof CATALOGUE> = {
  MEMBER_ORGANISATION_TYPES: 'reportingBody',
  PENDING_ACTION_ITEM_STATUSES: 'actionItemStatus',
  OFFENCE_STEPS: 'justiceStep',
  SANCTION_STEPS: 'justiceStep',
  PENALTY_ORDER_SANCTIONS: 'sanction',
  RECORDABLE_SANCTIONS: 'sanction',
};

/** Permissions ('case.read') look like keys but are not messages. */
const PERMISSIONS = new Set(ACTIONS as readonly string[]);

describe('message catalogues', () => {
  it('have the same keys in Swedish and English', () => {
    expect([...svLeaves.keys()].filter((k) => !enLeaves.has(k))).toEqual([]);
    expect([...enLeaves.keys()].filter((k) => !svLeaves.has(k))).toEqual([]);
  });

  it('have no empty message, and the same arguments in both languages', () => {
    const problems: string[] = [];
    for (const [key, value] of svLeaves) {
      const english = enLeaves.get(key) ?? '';
      if (!value.trim() || !english.trim()) problems.push(`${key}: empty`);
      if (argumentsOf(value).join() !== argumentsOf(english).join())
        problems.push(`${key}: {${argumentsOf(value)}} vs {${argumentsOf(english)}}`);
    }
    expect(problems).toEqual([]);
  });

  it('name every kind of audit event and audited record in both languages', () => {
    const keys = [
      ...AUDIT_ACTIONS.map((a) => `admin.audit.actions.${auditLabelKey(a)}`),
      ...AUDIT_ENTITIES.map((e) => `admin.audit.entities.${auditLabelKey(e)}`),
    ];
    expect(keys.filter((k) => !svLeaves.has(k) || !enLeaves.has(k))).toEqual([]);
    // …and nothing else: a label without an event is a leftover.
    const labelled = [...svLeaves.keys()].filter((k) => /^admin\.audit\.(actions|entities)\./.test(k));
    expect(labelled.filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('label every value of every enum in lib/enums.ts, in both languages, in one place', () => {
    const problems: string[] = [];
    const lists = new Set<readonly string[]>(Object.values(CATALOGUE));
    for (const [name, value] of Object.entries(enums)) {
      if (!Array.isArray(value) || lists.has(value)) continue;
      const whole = SUBSETS[name];
      if (!whole) problems.push(`${name}: not in the catalogue (CATALOGUE in this test)`);
      else
        for (const v of value)
          if (!CATALOGUE[whole].some((w) => w === v)) problems.push(`${name}: ${v} not in ${whole}`);
    }
    for (const [catalogue, labels] of [
      ['sv', sv.enums],
      ['en', en.enums],
    ] as const) {
      expect(Object.keys(labels).sort(), catalogue).toEqual(Object.keys(CATALOGUE).sort());
      for (const [name, values] of Object.entries(CATALOGUE)) {
        const labelled = Object.entries(labels[name as keyof typeof labels]);
        if (
          labelled
            .map(([k]) => k)
            .sort()
            .join() !== [...values].sort().join()
        )
          problems.push(`${catalogue} enums.${name}: other values`);
        for (const [value, label] of labelled)
          if (!label.trim()) problems.push(`${catalogue} enums.${name}.${value}: empty`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keep enum labels only under "enums", nowhere else in the catalogue', () => {
    // A namespace elsewhere that lists an enum's values is a copy that will drift from the forms' words.
    const copies: string[] = [];
    const walk = (tree: Tree, at: string) => {
      for (const [key, value] of Object.entries(tree)) {
        if (typeof value === 'string') continue;
        const path = at ? `${at}.${key}` : key;
        if (path === 'enums') continue;
        const keys = Object.keys(value);
        for (const [name, values] of Object.entries(CATALOGUE))
          if (values.length > 2 && values.every((v) => keys.includes(v))) copies.push(`${path} copies enums.${name}`);
        walk(value, path);
      }
    };
    walk(sv as Tree, '');
    expect(copies).toEqual([]);
  });

  it('hold every key the code asks for with a literal', () => {
    const missing: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const relative = path.relative(root, file);
      const declarations = translators(source);
      for (const name of new Set(declarations.map((d) => d.name))) {
        for (const m of source.matchAll(new RegExp(`\\b${name}(?:\\.rich|\\.markup)?\\(\\s*'([^'\\\${}]+)'`, 'g'))) {
          const declaration = declarations.filter((d) => d.name === name && d.at < m.index).at(-1);
          if (!declaration) continue;
          const key = declaration.namespace ? `${declaration.namespace}.${m[1]}` : m[1]!;
          if (!hasKey(key)) missing.push(`${relative}: ${key}`);
        }
      }
      // Catalogue keys passed around as values (zod messages, action errors), e.g. 'validation.required'.
      const namespaces = Object.keys(sv).join('|');
      for (const m of source.matchAll(
        new RegExp(`['"]((?:${namespaces})\\.[A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)*)['"]`, 'g'),
      )) {
        // An argument of a translator call is relative to its namespace: checked above.
        const call = source.slice(Math.max(0, m.index - 40), m.index).match(/\b(\w+)(?:\.rich|\.markup|\.has)?\(\s*$/);
        if (call && declarations.some((d) => d.name === call[1])) continue;
        if (!PERMISSIONS.has(m[1]!) && !hasKey(m[1]!)) missing.push(`${relative}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
