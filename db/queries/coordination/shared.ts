import 'server-only';
import type { Db, Tx } from '@/db/index';
import { counties } from '@/db/schema';

// What the coordination lists and pages share.

export const PAGE_SIZE = 50;
export const EXPORT_CAP = 50_000;

export type Page<T> = { rows: T[]; total: number; page: number; pageCount: number };

export function pageOf<T>(rows: T[], total: number, page: number): Page<T> {
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export type CountyRef = { code: string; nameSv: string; nameEn: string };

export async function countiesByCode(db: Db | Tx): Promise<Map<string, CountyRef>> {
  const rows = await db
    .select({ code: counties.code, nameSv: counties.nameSv, nameEn: counties.nameEn })
    .from(counties);
  return new Map(rows.map((c) => [c.code, c]));
}

/** The county by its code, or its code for its names (a county missing from the reference data). */
export function countyRef(map: Map<string, CountyRef>, code: string): CountyRef {
  return map.get(code) ?? { code, nameSv: code, nameEn: code };
}
