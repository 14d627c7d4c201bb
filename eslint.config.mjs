import drizzle from 'eslint-plugin-drizzle';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// The layering (README "Layout", docs/decisions/009-layering.md): imports only point down.
//   lib/         pure and client-safe: imports none of the layers above, no Node built-ins, no server APIs
//   db/          the server data layer: lib/ and db/ only
//   components/  lib/ and db/ (server components), never app/
//   app/         routes on top
// The top-level server files and scripts/ sit beside app/, never on it. import/no-restricted-paths
// resolves every specifier (the @/ alias and relative paths alike) before it compares folders.
const TOP_LEVEL = ['./auth.ts', './auth.config.ts', './proxy.ts', './instrumentation.ts', './scripts'];
const layers = {
  'import/no-restricted-paths': [
    'error',
    {
      zones: [
        {
          target: './lib',
          from: ['./app', './components', './db', ...TOP_LEVEL],
          message:
            'lib/ is the pure, client-safe bottom layer: it imports nothing from app/, components/, db/ or the server files.',
        },
        {
          target: './db',
          from: ['./app', './components'],
          message: 'db/ is the data layer: it imports only lib/ and db/. Move what it needs into lib/.',
        },
        {
          target: './components',
          from: './app',
          message: 'components/ never imports app/: take the action or value as a prop, or move it into lib/ or db/.',
        },
        {
          target: TOP_LEVEL,
          from: './app',
          message: 'The top-level server files and scripts/ never import app/: move what they need into lib/ or db/.',
        },
      ],
    },
  ],
};

const config = [
  ...nextVitals,
  ...nextTs,
  // next.config.js is CommonJS: it is the file name the user fixed, and Next loads it with require().
  { files: ['next.config.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}'],
    plugins: { drizzle },
    // Packages are never part of a cycle of ours; not parsing them keeps no-cycle fast. Without
    // the precomputed graph (disableScc) the rule follows the imports of the text it is given, so
    // lint.test.ts can prove it on an edited file; on this repo it costs no measurable time.
    settings: { 'import/ignore': ['node_modules'] },
    rules: {
      ...layers,
      'import/no-cycle': ['error', { ignoreExternal: true, disableScc: true }],
      // Every database and transaction handle here is called db or tx (db/index.ts: Db, Tx), and
      // naming them keeps Map#delete, Set#delete and hash.update() out of the rules' way.
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
    },
  },
  {
    // lib/ runs in the browser too: no Node built-ins and no server-only module (its tests may).
    files: ['lib/**/*.{ts,tsx}'],
    ignores: ['lib/**/*.test.{ts,tsx}'],
    rules: {
      'import/no-nodejs-modules': ['error'],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'next/server', message: 'lib/ is client-safe: server APIs belong in app/ or db/.' },
            { name: 'next/headers', message: 'lib/ is client-safe: server APIs belong in app/ or db/.' },
            { name: 'server-only', message: 'lib/ is client-safe: a server-only module belongs in db/ or app/.' },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      '.next/**',
      '.data/**',
      '.e2e-data/**',
      'node_modules/**',
      'drizzle/**',
      'playwright-report/**',
      'test-results/**',
      'next-env.d.ts',
    ],
  },
];

export default config;
