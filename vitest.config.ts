import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Integration tests run the real queries on a real database: PGlite in memory by default, the
// PostgreSQL database in TEST_DATABASE_URL when it is set. Never DATABASE_URL: that may be a
// real installation.
const databaseEnv = process.env.TEST_DATABASE_URL
  ? { DATABASE_URL: process.env.TEST_DATABASE_URL }
  : { DATABASE_URL: '', PGLITE_DIR: 'memory://' };

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(__dirname),
      // `server-only` throws outside React's server bundle; the tests are server code.
      'server-only': path.resolve(__dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.next/**', 'e2e/**'],
    env: databaseEnv,
    // One process and one database for all files: a fresh PGlite costs seconds and ~700 MB.
    maxWorkers: 1,
    isolate: false,
    fileParallelism: false,
    testTimeout: 20_000,
    // next-auth imports 'next/server' without an extension, which Node's ESM loader refuses;
    // let Vite resolve it (the session callbacks of auth.ts are tested against the database).
    server: { deps: { inline: ['next-auth'] } },
    hookTimeout: 60_000,
  },
});
