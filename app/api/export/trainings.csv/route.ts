import { exportTrainings } from '../_lib/trainings';

export const dynamic = 'force-dynamic';

export const GET = exportTrainings('csv');
