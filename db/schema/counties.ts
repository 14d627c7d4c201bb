import { char, date, integer, pgEnum, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { POLICE_REGIONS } from '../../lib/regions';

// The seven police regions (since 2015); a regional coordinator's scope is the counties of one.
export const policeRegion = pgEnum('police_region', POLICE_REGIONS);

export const counties = pgTable('counties', {
  code: char('code', { length: 2 }).primaryKey(),
  letter: varchar('letter', { length: 2 }).notNull().unique(),
  nameSv: text('name_sv').notNull(),
  shortNameSv: text('short_name_sv').notNull(),
  nameEn: text('name_en').notNull(),
  seat: text('seat').notNull(),
  population: integer('population').notNull(),
  populationDate: date('population_date').notNull(),
  svgId: text('svg_id').notNull().unique(),
  policeRegion: policeRegion('police_region').notNull(),
});

export type County = typeof counties.$inferSelect;
