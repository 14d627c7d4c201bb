import { exportCases } from '../_lib/cases';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return exportCases(request, 'xlsx');
}
