import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('server start-up', () => {
  it('refuses to start in production on PostgreSQL without AUTH_SECRET, in one clear line', async () => {
    const script = `import('./db/startup.ts').then((m) => (m.startServer ?? m.default.startServer)())`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
    };
    delete env.AUTH_SECRET;
    const failure = await run(process.execPath, ['--conditions=react-server', '--import', 'tsx', '-e', script], {
      env,
      timeout: 60_000,
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    const lines = failure!.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Lägesbild refuses to start: AUTH_SECRET must be set/);
  });
});
