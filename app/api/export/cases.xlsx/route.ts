import { exportCases } from '../_lib/cases';

export const dynamic = 'force-dynamic';

export const GET = exportCases('xlsx');
