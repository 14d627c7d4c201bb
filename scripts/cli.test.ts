import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { signInWithPassword } from '@/db/queries/auth/sign-in';
import { uniqueEmail } from '@/db/test/helpers';

const run = promisify(execFile);

// The scripts run in processes of their own, as an operator runs them. On PostgreSQL they use the
// test database, so the account they create can be signed in with here; on PGlite they get a
// folder of their own (one process per PGlite folder).
const dir = mkdtempSync(path.join(tmpdir(), 'lagesbild-cli-'));
const env: NodeJS.ProcessEnv = process.env.TEST_DATABASE_URL
  ? { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL }
  : { ...process.env, DATABASE_URL: '', PGLITE_DIR: path.join(dir, 'pglite') };

function script(name: string, args: string[]) {
  return run(process.execPath, ['--conditions=react-server', '--import', 'tsx', `scripts/${name}.ts`, ...args], {
    env,
    timeout: 90_000,
  });
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each test starts one or two processes that open a database of their own: on a busy machine
// that takes longer than the suite's default per-test limit.
const slow = { timeout: 90_000 };

describe('npm run user:create', slow, () => {
  it('creates an account with a generated password shown once, which signs in', async () => {
    const email = uniqueEmail('first-admin');
    const { stdout } = await script('user-create', ['--email', email, '--role', 'admin', '--name', 'Första Admin']);
    expect(stdout).toContain(`Created admin ${email}`);
    const password = /Generated password \(shown once\): (\S+)/.exec(stdout)?.[1];
    expect(password).toMatch(/^\S{16,}$/);
    if (process.env.TEST_DATABASE_URL)
      expect(await signInWithPassword({ email, password: password! })).toMatchObject({
        status: 'ok',
        user: { role: 'admin', county: null },
      });
  });

  it('creates a regional coordinator for a region named without å/ä/ö (--region ost is Öst)', async () => {
    const email = uniqueEmail('regional');
    const { stdout } = await script('user-create', [
      '--email',
      email,
      '--role',
      'regional_coordinator',
      '--region',
      'ost',
    ]);
    expect(stdout).toContain(`Created regional_coordinator ${email}`);
    expect(stdout).toContain('for police region Öst');
  });

  it('refuses a county role without a county, a regional one without a region or with an unknown one, and a bad role, with one clear line and exit code 1', async () => {
    for (const args of [
      ['--email', uniqueEmail(), '--role', 'county_staff'],
      ['--email', uniqueEmail(), '--role', 'regional_coordinator'],
      ['--email', uniqueEmail(), '--role', 'regional_coordinator', '--region', 'Sud'],
      ['--email', uniqueEmail(), '--role', 'county_staff', '--county', '01', '--region', 'Syd'],
      ['--email', uniqueEmail(), '--role', 'superuser'],
    ]) {
      const failure = await script('user-create', args).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure!.stderr.trim().split('\n')).toHaveLength(1);
      expect(failure!.stderr).toMatch(/^Error: /);
    }
  });
});

describe('npm run db:seed -- --demo', slow, () => {
  it('loads the counties and the demo accounts, and a second run changes nothing', async () => {
    const first = await script('db-seed', ['--demo']);
    expect(first.stdout).toContain('Counties loaded');
    expect(first.stdout).toContain('samordnare.ab@lagesbild.test');
    const second = await script('db-seed', ['--demo']);
    expect(second.stdout).toContain('Demo data: 0 account(s) created.');
  });
});

describe('npm run db:check', slow, () => {
  it('reports on the stored police report numbers (the demo data fits the format)', async () => {
    await script('db-seed', ['--demo']);
    const result = await script('db-check', []).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => error,
    );
    if (process.env.TEST_DATABASE_URL) expect(result.stdout).toMatch(/police report number/);
    else
      expect(result).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(/every stored police report number fits/),
      });
  });
});
