'use server';

import { authedAction } from '@/app/_lib/action';
import { releaseYear, setReleaseDay } from '@/db/statistics/releases';
import { todayInStockholm } from '@/lib/forms/fields';
import { releaseDayOf, ReleaseDaySchema, ReleaseYearSchema } from '@/lib/schemas/releases';

export const releaseYearAction = authedAction(ReleaseYearSchema, (input, actor) =>
  releaseYear(actor, { year: input.year, today: todayInStockholm() }),
);

export const setReleaseDayAction = authedAction(ReleaseDaySchema, (input, actor) =>
  setReleaseDay(actor, { day: releaseDayOf(input), version: input.version }),
);
