import 'server-only';
import type { Db } from '@/db/index';

// Placeholder until the format is enforced: nothing is checked yet.
export async function findUnfitPoliceReportNumbers(
  db: Db,
): Promise<{ id: string; reference: string; policeReportNumber: string }[]> {
  void db;
  return [];
}
