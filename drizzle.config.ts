import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` uses this: the app and `npm run db:migrate` apply migrations themselves.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './drizzle',
  casing: 'snake_case',
});
