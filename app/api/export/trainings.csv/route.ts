import { exportTrainings } from '../_lib/trainings';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return exportTrainings(request, 'csv');
}
