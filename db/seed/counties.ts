import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/types';
import { counties } from '@/db/schema';

type CountyRow = typeof counties.$inferInsert;

// counties.csv is a copy of shared/reference/counties.csv (Statistics Sweden, 31 Dec 2024);
// its sources are listed in docs/decisions/001-foundation.md.
export function readCountiesCsv(): CountyRow[] {
  const text = readFileSync(path.join(process.cwd(), 'db', 'seed', 'counties.csv'), 'utf8');
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const columns = header!.split(',');
  return lines.map((line) => {
    const cells = Object.fromEntries(line.split(',').map((value, i) => [columns[i], value]));
    return {
      code: cells.code!,
      letter: cells.letter!,
      nameSv: cells.name_sv!,
      shortNameSv: cells.short_name_sv!,
      nameEn: cells.name_en!,
      seat: cells.seat!,
      population: Number(cells.population),
      populationDate: cells.population_date!,
      svgId: cells.svg_id!,
      policeRegion: cells.police_region as CountyRow['policeRegion'],
    };
  });
}

export async function loadCounties(db: Db): Promise<void> {
  await db
    .insert(counties)
    .values(readCountiesCsv())
    .onConflictDoUpdate({
      target: counties.code,
      set: {
        letter: sql`excluded.letter`,
        nameSv: sql`excluded.name_sv`,
        shortNameSv: sql`excluded.short_name_sv`,
        nameEn: sql`excluded.name_en`,
        seat: sql`excluded.seat`,
        population: sql`excluded.population`,
        populationDate: sql`excluded.population_date`,
        svgId: sql`excluded.svg_id`,
        policeRegion: sql`excluded.police_region`,
      },
    });
}
