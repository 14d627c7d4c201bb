import { getTranslations } from 'next-intl/server';
import { getActor } from '@/app/_lib/session';
import { isAppError } from '@/lib/errors';
import { getGroupCalendarForActor } from '@/db/queries/coordination/meeting-list';
import { asciiFileName, buildCalendar } from '../../../_lib/ics';

export const dynamic = 'force-dynamic';

/** GET /api/coordination/groups/<id>/calendar.ics: the group's meetings for Outlook; read access to the group, audited. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: 'unauthenticated' }, { status: 401 });
  const { id } = await params;
  try {
    const { group, meetings } = await getGroupCalendarForActor(actor, id);
    const t = await getTranslations('coordination.calendar');
    const body = buildCalendar({
      name: group.name,
      events: meetings.map((m) => ({
        uid: `${m.id}@lagesbild`,
        sequence: m.version - 1,
        start: m.startsAt,
        end: m.endsAt,
        summary: t('summary', { group: group.name }),
        location: m.place ?? (m.format === 'digital' ? t('digital') : null),
        description: m.agenda,
      })),
    });
    const file = asciiFileName(group.name);
    return new Response(body, {
      headers: {
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': `attachment; filename="${file}.ics"; filename*=UTF-8''${encodeURIComponent(`${group.name}.ics`)}`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return Response.json({ error: 'not_found' }, { status: 404 });
    if (isAppError(error) && error.code === 'forbidden') return Response.json({ error: 'forbidden' }, { status: 403 });
    throw error;
  }
}
