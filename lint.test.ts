// The import-boundary rules of eslint.config.mjs, proved on code that climbs on purpose: each
// climbing import (by the @/ alias and by a relative path) fails, each legal one passes. The
// imports point at real files, because the rule resolves a specifier before it compares folders.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: __dirname });
});

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages;
}

/** A module that imports `name` from `specifier` and uses it, so only the import itself is judged. */
const importing = (specifier: string, name: string) =>
  `import { ${name} } from '${specifier}';\n\nexport const probe = ${name};\n`;

const BOUNDARY = 'import/no-restricted-paths';
const rules = (messages: Linter.LintMessage[]) => messages.map((m) => m.ruleId);

type Case = { from: string; specifier: string; name: string };

// Each place, and what it must never reach: from the file's own folder, relative paths differ.
const climbing: Case[] = [
  // db/ never imports app/ or components/
  { from: 'db/probe.ts', specifier: '@/app/_lib/action', name: 'authedAction' },
  { from: 'db/probe.ts', specifier: '../app/_lib/action', name: 'authedAction' },
  { from: 'db/queries/probe.ts', specifier: '../../app/_lib/session', name: 'getActor' },
  { from: 'db/probe.ts', specifier: '@/components/ui/field', name: 'FormAlert' },
  { from: 'db/probe.ts', specifier: '../components/ui/field', name: 'FormAlert' },
  // components/ never imports app/
  { from: 'components/ui/probe.tsx', specifier: '@/app/_lib/action', name: 'authedAction' },
  { from: 'components/ui/probe.tsx', specifier: '../../app/_lib/action', name: 'authedAction' },
  // lib/ imports none of app/, components/, db/
  { from: 'lib/probe.ts', specifier: '@/app/_lib/action', name: 'authedAction' },
  { from: 'lib/probe.ts', specifier: '../app/_lib/action', name: 'authedAction' },
  { from: 'lib/probe.ts', specifier: '@/components/ui/field', name: 'FormAlert' },
  { from: 'lib/schemas/probe.ts', specifier: '../../components/ui/field', name: 'FormAlert' },
  { from: 'lib/probe.ts', specifier: '@/db', name: 'getDb' },
  { from: 'lib/probe.ts', specifier: '../db/schema', name: 'cases' },
  { from: 'lib/probe.ts', specifier: '@/auth', name: 'auth' },
  // the top-level server files and scripts/ never import app/
  { from: 'auth.ts', specifier: '@/app/_lib/session', name: 'PENDING_PATHS' },
  { from: 'auth.ts', specifier: './app/_lib/session', name: 'PENDING_PATHS' },
  { from: 'auth.config.ts', specifier: '@/app/_lib/session', name: 'PENDING_PATHS' },
  { from: 'auth.config.ts', specifier: './app/_lib/session', name: 'PENDING_PATHS' },
  { from: 'proxy.ts', specifier: '@/app/_lib/session', name: 'PENDING_PATHS' },
  { from: 'proxy.ts', specifier: './app/_lib/session', name: 'PENDING_PATHS' },
  { from: 'instrumentation.ts', specifier: '@/app/_lib/action', name: 'authedAction' },
  { from: 'instrumentation.ts', specifier: './app/_lib/action', name: 'authedAction' },
  { from: 'scripts/probe.ts', specifier: '@/app/_lib/action', name: 'authedAction' },
  { from: 'scripts/probe.ts', specifier: '../app/_lib/action', name: 'authedAction' },
];

const legal: Case[] = [
  { from: 'db/probe.ts', specifier: '@/lib/errors', name: 'AppError' },
  { from: 'db/probe.ts', specifier: './schema', name: 'cases' },
  { from: 'db/queries/probe.ts', specifier: '../../lib/policy', name: 'homeCounties' },
  { from: 'components/ui/probe.tsx', specifier: '@/lib/errors', name: 'isAppError' },
  { from: 'components/ui/probe.tsx', specifier: '@/db', name: 'getDb' },
  { from: 'components/ui/probe.tsx', specifier: './field', name: 'FormAlert' },
  { from: 'lib/probe.ts', specifier: './errors', name: 'AppError' },
  { from: 'lib/probe.ts', specifier: '@/lib/policy', name: 'homeCounties' },
  { from: 'lib/probe.ts', specifier: 'zod', name: 'z' },
  { from: 'auth.ts', specifier: '@/lib/errors', name: 'AppError' },
  { from: 'auth.ts', specifier: './db', name: 'getDb' },
  { from: 'auth.config.ts', specifier: './lib/roles', name: 'ROLES' },
  { from: 'proxy.ts', specifier: '@/auth.config', name: 'authConfig' },
  { from: 'instrumentation.ts', specifier: './db', name: 'getDb' },
  { from: 'scripts/probe.ts', specifier: '@/db', name: 'getDb' },
  { from: 'scripts/probe.ts', specifier: '../lib/errors', name: 'AppError' },
  // app/ is the top: it may import every layer
  { from: 'app/probe.ts', specifier: '@/components/ui/field', name: 'FormAlert' },
  { from: 'app/probe.ts', specifier: '../db', name: 'getDb' },
  { from: 'app/probe.ts', specifier: './_lib/action', name: 'authedAction' },
];

describe('import boundaries', () => {
  it.each(climbing)('$from may not import $specifier', async ({ from, specifier, name }) => {
    expect(rules(await lint(from, importing(specifier, name)))).toContain(BOUNDARY);
  });

  it.each(legal)('$from may import $specifier', async ({ from, specifier, name }) => {
    expect(await lint(from, importing(specifier, name))).toEqual([]);
  });

  it('every imported file exists, so the rule judged a resolved path', () => {
    const missing = [...climbing, ...legal].filter(({ from, specifier }) => {
      if (!specifier.startsWith('@/') && !specifier.startsWith('.')) return false;
      const base = specifier.startsWith('@/')
        ? path.join(__dirname, specifier.slice(2))
        : path.resolve(__dirname, path.dirname(from), specifier);
      return !['.ts', '.tsx', '/index.ts'].some((ext) => existsSync(base + ext));
    });
    expect(missing).toEqual([]);
  });
});

describe('lib/ is client-safe', () => {
  it.each(['node:fs', 'fs', 'node:crypto'])('lib/ may not import the Node built-in %s', async (specifier) => {
    expect(
      rules(await lint('lib/probe.ts', `import * as m from '${specifier}';\n\nexport const probe = m;\n`)),
    ).toContain('import/no-nodejs-modules');
  });

  it.each(['next/server', 'next/headers', 'server-only'])('lib/ may not import %s', async (specifier) => {
    expect(
      rules(await lint('lib/probe.ts', `import * as m from '${specifier}';\n\nexport const probe = m;\n`)),
    ).toContain('no-restricted-imports');
  });

  it('the tests of lib/ may read files', async () => {
    expect(await lint('lib/probe.test.ts', importing('node:fs', 'readFileSync'))).toEqual([]);
  });
});

describe('no import cycles', () => {
  it('a module that imports a module importing it fails', async () => {
    // lib/policy.ts imports ./errors; errors importing policy back closes the circle.
    expect(rules(await lint('lib/errors.ts', importing('./policy', 'homeCounties')))).toContain('import/no-cycle');
  });
});

describe('drizzle: every delete and update has a where', () => {
  const header = `import { eq } from 'drizzle-orm';\nimport type { Db } from '@/db';\nimport { cases } from '@/db/schema';\n\n`;
  const body = (statement: string) =>
    `${header}export async function probe(db: Db, id: string) {\n  ${statement}\n  return eq(cases.id, id);\n}\n`;

  it.each([
    'await db.delete(cases);',
    'await db.transaction(async (tx) => tx.delete(cases));',
    "await db.update(cases).set({ status: 'closed' });",
    "await db.transaction(async (tx) => tx.update(cases).set({ status: 'closed' }));",
  ])('%s fails', async (statement) => {
    expect(rules(await lint('db/probe.ts', body(statement))).join()).toMatch(
      /drizzle\/enforce-(delete|update)-with-where/,
    );
  });

  it.each([
    'await db.delete(cases).where(eq(cases.id, id));',
    "await db.transaction(async (tx) => tx.update(cases).set({ status: 'closed' }).where(eq(cases.id, id)));",
    'new Map<string, number>().delete(id);',
    'const seen = new Set<string>(); seen.delete(id);',
  ])('%s passes', async (statement) => {
    expect(await lint('db/probe.ts', body(statement))).toEqual([]);
  });
});
