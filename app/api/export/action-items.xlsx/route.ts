import { exportActionItems } from '../_lib/coordination';

export const dynamic = 'force-dynamic';

export const GET = exportActionItems('xlsx');
