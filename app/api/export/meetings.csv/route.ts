import { exportMeetings } from '../_lib/coordination';

export const dynamic = 'force-dynamic';

export const GET = exportMeetings('csv');
