// Shared by the command-line scripts: run a task against the configured database, then close it
// (PGlite holds its folder until closed), and turn errors into one clear line and exit code 1.
import { closeDb, databaseDriver, pgliteDir } from '@/db';

export function describeDatabase(): string {
  return databaseDriver() === 'postgresql' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${pgliteDir()}`;
}

export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

export async function runCli(task: () => Promise<void>): Promise<void> {
  try {
    await task();
    await closeDb();
  } catch (error) {
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    await closeDb().catch(() => {});
    process.exit(1);
  }
}
