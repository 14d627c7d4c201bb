import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  // next.config.js is CommonJS: it is the file name the user fixed, and Next loads it with require().
  { files: ['next.config.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
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
