import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? '3100');
// The isolated server (scripts/e2e-server.mjs --isolated) and its OpenID provider take the next two ports.
const oidcPort = port + 1;
const isolatedPort = port + 2;
// These machines cannot download Playwright's browsers: use Debian's Chromium where it exists.
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;

/** Specs that run against the isolated server: single sign-on, short idle limit, settings every session sees. */
const ISOLATED_SPECS = /(sso|session)\.spec\.ts/;
/** Specs that start a production server of their own (e2e/support/own-server.ts; restart: on a PostgreSQL of its own): they read its output and database. */
const OWN_SERVER_SPECS = /(logs|hostile-input|restart|processes)\.spec\.ts/;

// Start the isolated server only when its specs may run (no file filter, or one that names them).
const fileFilters = process.argv.slice(2).filter((arg) => /\.spec\.ts|^e2e\b/.test(arg));
// The shared server only when a spec may run that uses it.
const wantsShared = fileFilters.length === 0 || fileFilters.some((arg) => !OWN_SERVER_SPECS.test(arg));
const wantsIsolated =
  fileFilters.length === 0 || fileFilters.some((arg) => ISOLATED_SPECS.test(arg) || /^e2e\/?$/.test(arg));

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${port}`,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.ts/ },
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'] },
      dependencies: ['setup'],
      testIgnore: [ISOLATED_SPECS, OWN_SERVER_SPECS],
    },
    { name: 'own-server', testMatch: OWN_SERVER_SPECS },
    {
      name: 'isolated',
      use: { ...devices['Desktop Chrome'], baseURL: `http://localhost:${isolatedPort}` },
      testMatch: ISOLATED_SPECS,
    },
  ],
  webServer: [
    ...(wantsShared
      ? [
          {
            command: 'node scripts/e2e-server.mjs',
            url: `http://localhost:${port}/api/health`,
            timeout: 180_000,
            reuseExistingServer: false,
            stdout: 'pipe' as const,
            stderr: 'pipe' as const,
          },
        ]
      : []),
    ...(wantsIsolated
      ? [
          {
            command: 'node e2e/oidc-provider.mjs',
            url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
            env: { E2E_OIDC_PORT: String(oidcPort), E2E_SSO_APP_URL: `http://localhost:${isolatedPort}` },
            timeout: 30_000,
            reuseExistingServer: false,
            stdout: 'pipe' as const,
            stderr: 'pipe' as const,
          },
          {
            command: 'node scripts/e2e-server.mjs --isolated',
            url: `http://localhost:${isolatedPort}/api/health`,
            timeout: 180_000,
            reuseExistingServer: false,
            stdout: 'pipe' as const,
            stderr: 'pipe' as const,
          },
        ]
      : []),
  ],
});
