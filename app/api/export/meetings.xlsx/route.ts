import { exportMeetings } from '../_lib/coordination';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return exportMeetings(request, 'xlsx');
}
