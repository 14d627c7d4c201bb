import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { authedRoute } from '@/app/_lib/route';
import { getGroupCalendarForActor } from '@/db/queries/coordination/meeting-list';
import { asciiFileName, buildCalendar } from '../../../_lib/ics';

export const dynamic = 'force-dynamic';

/** GET /api/coordination/groups/<id>/calendar.ics: the group's meetings for Outlook; read access to the group, audited. */
export const GET = authedRoute({ params: z.object({ id: z.string() }) }, async ({ actor, params }) => {
  const { group, meetings } = await getGroupCalendarForActor(actor, params.id);
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
});
