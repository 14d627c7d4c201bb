// The parties of a generated case: victims and perpetrators with their origin, citizenship,
// residence permit and support, drawn from the profiles.
import {
  SUPPORT_MEASURES,
  type AgeBand,
  type OriginRegion,
  type ResidencePermit,
  type SupportMeasure,
  type YesNoUnknown,
} from '@/lib/enums';
import { inListOrder, type Ctx, type SynthParty } from './case';
import * as P from './profiles';
import type { Rng, Weighted } from './random';

export function citizenshipOf(rng: Rng, origin: OriginRegion, pSet: number, preferred?: string | null): string | null {
  const countries = P.COUNTRIES_BY_REGION[origin];
  if (!countries || !rng.chance(pSet)) return null;
  if (preferred && rng.chance(0.85)) return preferred;
  return rng.draw(countries);
}

export function permitOf(rng: Rng, origin: OriginRegion, nonEu: Weighted<ResidencePermit>): ResidencePermit {
  return P.FREE_MOVEMENT.has(origin) ? 'not_relevant' : rng.draw(nonEu);
}

export function traffickingSupport(rng: Rng, plaintiff: YesNoUnknown, origin: OriginRegion): SupportMeasure[] {
  const r = rng.next();
  if (r < 0.12) return ['unknown'];
  if (r < 0.2) return ['none'];
  const wanted = rng.int(1, 3);
  const chosen = new Set<SupportMeasure>();
  if (plaintiff === 'yes' && rng.chance(0.6)) chosen.add('legal_counsel');
  while (chosen.size < wanted) {
    const measure = rng.draw(P.SUPPORT_POOL);
    if (measure === 'return_programme' && origin === 'sweden') continue;
    chosen.add(measure);
  }
  return inListOrder(SUPPORT_MEASURES, chosen);
}

export function victim(fields: Omit<SynthParty, 'role' | 'perpetratorRole'>): SynthParty {
  return { role: 'victim', ...fields, perpetratorRole: null };
}

export function perpetrator(
  fields: Pick<SynthParty, 'sex' | 'ageBand' | 'originRegion' | 'citizenship' | 'perpetratorRole'>,
): SynthParty {
  return { role: 'perpetrator', ...fields, plaintiffStatus: null, residencePermit: null, support: null };
}

export function buyers(ctx: Ctx, n: number, age: Weighted<AgeBand>): SynthParty[] {
  const { rng } = ctx;
  return Array.from({ length: n }, () => {
    const origin = rng.draw(P.BUYER_ORIGIN);
    return perpetrator({
      sex: rng.draw(P.BUYER_SEX),
      ageBand: rng.draw(age),
      originRegion: origin,
      citizenship: citizenshipOf(rng, origin, 0.7),
      perpetratorRole: 'buyer',
    });
  });
}
