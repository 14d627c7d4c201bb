// The generators of every kind but Brå's group: sex purchase, sex purchase from a child, procuring,
// labour trafficking and exploitation, and other offences; and the one switch over all kinds.
import { SUPPORT_MEASURES, type Arena, type CoercionDegree, type OriginRegion, type SupportMeasure } from '@/lib/enums';
import {
  controlMethodsOf,
  CROSS_BORDER_LOCAL,
  CROSS_BORDER_PROCURING,
  CROSS_BORDER_TRAFFICKING,
  finish,
  inListOrder,
  notesOf,
  onlinePlatformOf,
  policeReportNumberOf,
  randomPath,
  type Ctx,
  type SynthCase,
  type SynthParty,
} from './case';
import { yearOf } from './dates';
import * as K from './kind-profiles';
import { buyers, citizenshipOf, perpetrator, permitOf, traffickingSupport, victim } from './parties';
import * as P from './profiles';
import { weighted } from './random';
import { randomTraffickingCase } from './trafficking';

function sexPurchaseCase(ctx: Ctx, day: number): SynthCase {
  const { rng } = ctx;
  const year = yearOf(day);
  const parties: SynthParty[] = [];
  for (let i = rng.draw(K.COUNT_1_2); i > 0; i--) {
    const origin = rng.draw(P.SELLER_ORIGIN);
    parties.push(
      victim({
        sex: rng.draw(P.SELLER_SEX),
        ageBand: rng.draw(P.SELLER_AGE),
        originRegion: origin,
        citizenship: citizenshipOf(rng, origin, 0.8),
        plaintiffStatus: rng.draw(P.SELLER_PLAINTIFF),
        residencePermit: permitOf(rng, origin, P.SELLER_PERMIT_NON_EU),
        support: [...P.SELLER_SUPPORT[rng.draw(K.SELLER_SUPPORT)]![0]],
      }),
    );
  }
  parties.push(...buyers(ctx, rng.draw(K.BUYERS), P.BUYER_AGE));
  const crime = rng.draw(K.CRIME_SEX_PURCHASE);
  const arena = rng.draw(P.sexPurchaseArenas(year));
  const body = rng.draw(P.REPORTING_SEX_PURCHASE);
  const countyCode = rng.draw(ctx.counties.sexPurchase);
  const degree: CoercionDegree = crime === 'yes' && rng.chance(0.15) ? 'degree_3' : 'unknown';
  return finish(
    ctx,
    {
      countyCode,
      reportingBody: body,
      policeReportNumber: policeReportNumberOf(rng, body, countyCode, day, ctx.regionOf),
      arena,
      onlinePlatform: onlinePlatformOf(rng, arena, day),
      crossBorder: rng.draw(CROSS_BORDER_LOCAL),
      crimeEstablished: crime,
      coercionDegree: degree,
      controlMethods: [],
      notes: notesOf(rng, P.NOTES_SEX_PURCHASE),
      // Now and then the police find procuring behind a purchase.
      offences: year > 2010 && rng.chance(0.02) ? ['procuring', 'sex_purchase'] : ['sex_purchase'],
      parties,
    },
    day,
    randomPath(rng, P.OUTCOMES.sex_purchase, crime),
  );
}

function childCase(ctx: Ctx, day: number): SynthCase {
  const { rng } = ctx;
  const parties: SynthParty[] = [];
  for (
    let i = rng.draw(
      weighted<number>([
        [1, 90],
        [2, 10],
      ]),
    );
    i > 0;
    i--
  ) {
    const origin = rng.draw(P.CHILD_ORIGIN);
    const support = new Set<SupportMeasure>(['counselling']);
    if (rng.chance(0.8)) support.add('legal_counsel');
    if (rng.chance(0.3)) support.add('health_care');
    if (rng.chance(0.1)) support.add('sheltered_housing');
    parties.push(
      victim({
        sex: rng.draw(P.CHILD_SEX),
        ageBand: rng.draw(K.CHILD_AGE),
        originRegion: origin,
        citizenship: citizenshipOf(rng, origin, 0.85),
        plaintiffStatus: rng.draw(K.PLAINTIFF_CHILD),
        residencePermit: permitOf(rng, origin, K.PERMIT_CHILD),
        support: inListOrder(SUPPORT_MEASURES, support),
      }),
    );
  }
  parties.push(...buyers(ctx, rng.draw(K.COUNT_1_2), K.BUYER_AGE_CHILD));
  const crime = rng.draw(K.CRIME_USUAL);
  const degree = crime === 'yes' ? rng.draw(K.DEGREE_CHILD) : 'unknown';
  const arena = rng.draw(P.ARENA_CHILD);
  const body = rng.draw(P.REPORTING_CHILD);
  const countyCode = rng.draw(ctx.counties.general);
  return finish(
    ctx,
    {
      countyCode,
      reportingBody: body,
      policeReportNumber: policeReportNumberOf(rng, body, countyCode, day, ctx.regionOf),
      arena,
      onlinePlatform: onlinePlatformOf(rng, arena, day),
      crossBorder: rng.draw(CROSS_BORDER_LOCAL),
      crimeEstablished: crime,
      coercionDegree: degree,
      controlMethods: controlMethodsOf(rng, degree),
      notes: notesOf(rng, P.NOTES_CHILD),
      offences: ['sex_purchase_child'],
      parties,
    },
    day,
    randomPath(rng, P.OUTCOMES.sex_purchase_child, crime),
  );
}

function procuringCase(ctx: Ctx, day: number): SynthCase {
  const { rng } = ctx;
  const parties: SynthParty[] = [];
  const origin = rng.draw(P.PROCURING_VICTIM_ORIGIN);
  for (let i = rng.draw(K.PROCURING_VICTIMS); i > 0; i--) {
    const plaintiff = rng.draw(K.PLAINTIFF_PROCURING);
    parties.push(
      victim({
        sex: rng.draw(K.VICTIM_SEX_PROCURING),
        ageBand: rng.draw(P.PROCURING_VICTIM_AGE),
        originRegion: origin,
        citizenship: citizenshipOf(rng, origin, 0.85),
        plaintiffStatus: plaintiff,
        residencePermit: permitOf(rng, origin, P.PERMIT_NON_EU),
        support: traffickingSupport(rng, plaintiff, origin),
      }),
    );
  }
  for (let i = rng.draw(K.PROCURING_PERPETRATORS); i > 0; i--) {
    const perpOrigin = rng.chance(0.3) ? origin : rng.draw(P.PROCURING_PERPETRATOR_ORIGIN);
    parties.push(
      perpetrator({
        sex: rng.draw(K.SEX_PROCURING_PERPETRATOR),
        ageBand: rng.draw(P.PERPETRATOR_AGE),
        originRegion: perpOrigin,
        citizenship: citizenshipOf(rng, perpOrigin, 0.75),
        perpetratorRole: rng.draw(P.PROCURING_ROLE),
      }),
    );
  }
  const crime = rng.draw(K.CRIME_USUAL);
  const degree = crime === 'yes' ? rng.draw(K.DEGREE_PROCURING) : 'unknown';
  const arena = rng.draw(P.ARENA_PROCURING);
  const body = rng.draw(P.REPORTING_PROCURING);
  const countyCode = rng.draw(ctx.counties.general);
  return finish(
    ctx,
    {
      countyCode,
      reportingBody: body,
      policeReportNumber: policeReportNumberOf(rng, body, countyCode, day, ctx.regionOf),
      arena,
      onlinePlatform: onlinePlatformOf(rng, arena, day),
      crossBorder: rng.draw(origin === 'sweden' ? CROSS_BORDER_LOCAL : CROSS_BORDER_PROCURING),
      crimeEstablished: crime,
      coercionDegree: degree,
      controlMethods: controlMethodsOf(rng, degree),
      notes: notesOf(rng, P.NOTES_TRAFFICKING),
      offences: yearOf(day) > 2010 && rng.chance(0.04) ? ['procuring', 'sex_purchase'] : ['procuring'],
      parties,
    },
    day,
    randomPath(rng, P.OUTCOMES.procuring, crime),
  );
}

function labourCase(ctx: Ctx, day: number, kind: 'trafficking_other' | 'exploitation'): SynthCase {
  const { rng } = ctx;
  const parties: SynthParty[] = [];
  const origin = rng.draw(P.LABOUR_VICTIM_ORIGIN);
  const country = rng.draw(P.COUNTRIES_BY_REGION[origin]!);
  for (let i = rng.draw(K.LABOUR_VICTIMS); i > 0; i--) {
    const plaintiff = rng.draw(K.PLAINTIFF_LABOUR);
    parties.push(
      victim({
        sex: rng.draw(K.SEX_LABOUR_VICTIM),
        ageBand: rng.draw(P.LABOUR_VICTIM_AGE),
        originRegion: origin,
        citizenship: citizenshipOf(rng, origin, 0.9, country),
        plaintiffStatus: plaintiff,
        residencePermit: permitOf(rng, origin, P.PERMIT_NON_EU),
        support: traffickingSupport(rng, plaintiff, origin),
      }),
    );
  }
  for (let i = rng.draw(K.LABOUR_PERPETRATORS); i > 0; i--) {
    const r = rng.next();
    const perpOrigin: OriginRegion = r < 0.55 ? origin : r < 0.8 ? 'sweden' : rng.draw(P.PERPETRATOR_OTHER_ORIGIN);
    parties.push(
      perpetrator({
        sex: rng.draw(K.SEX_LABOUR_PERPETRATOR),
        ageBand: rng.draw(P.PERPETRATOR_AGE),
        originRegion: perpOrigin,
        citizenship: citizenshipOf(rng, perpOrigin, 0.75, perpOrigin === origin ? country : null),
        perpetratorRole: rng.draw(P.LABOUR_ROLE),
      }),
    );
  }
  const crime = rng.draw(K.CRIME_LABOUR);
  const degree =
    crime === 'yes' ? rng.draw(kind === 'exploitation' ? K.DEGREE_EXPLOITATION : K.DEGREE_LABOUR) : 'unknown';
  const arena = rng.draw(P.ARENA_LABOUR);
  const body = rng.draw(kind === 'exploitation' ? P.REPORTING_EXPLOITATION : P.REPORTING_LABOUR);
  const countyCode = rng.draw(ctx.counties.general);
  return finish(
    ctx,
    {
      countyCode,
      reportingBody: body,
      policeReportNumber: policeReportNumberOf(rng, body, countyCode, day, ctx.regionOf),
      arena,
      onlinePlatform: onlinePlatformOf(rng, arena, day),
      crossBorder: rng.draw(CROSS_BORDER_TRAFFICKING),
      crimeEstablished: crime,
      coercionDegree: degree,
      controlMethods: controlMethodsOf(rng, degree),
      notes: notesOf(rng, P.NOTES_LABOUR),
      offences: [kind],
      parties,
    },
    day,
    randomPath(rng, P.OUTCOMES[kind], crime),
  );
}

function otherCase(ctx: Ctx, day: number): SynthCase {
  const { rng } = ctx;
  const origin = rng.draw(K.OTHER_ORIGIN);
  const plaintiff = rng.draw(K.PLAINTIFF_PROCURING);
  const perpOrigin = rng.draw(K.OTHER_ORIGIN);
  const parties = [
    victim({
      sex: rng.draw(K.OTHER_SEX),
      ageBand: rng.draw(K.OTHER_AGE),
      originRegion: origin,
      citizenship: citizenshipOf(rng, origin, 0.8),
      plaintiffStatus: plaintiff,
      residencePermit: permitOf(rng, origin, P.PERMIT_NON_EU),
      support: traffickingSupport(rng, plaintiff, origin),
    }),
    perpetrator({
      sex: rng.draw(K.SEX_LABOUR_PERPETRATOR),
      ageBand: rng.draw(P.PERPETRATOR_AGE),
      originRegion: perpOrigin,
      citizenship: citizenshipOf(rng, perpOrigin, 0.7),
      perpetratorRole: rng.draw(K.OTHER_ROLE),
    }),
  ];
  const crime = rng.draw(K.CRIME_OTHER);
  const body = rng.draw(P.REPORTING_OTHER);
  const countyCode = rng.draw(ctx.counties.general);
  const arena: Arena = rng.chance(0.5) ? 'unknown' : rng.pick(['apartment', 'online', 'other'] as const);
  return finish(
    ctx,
    {
      countyCode,
      reportingBody: body,
      policeReportNumber: policeReportNumberOf(rng, body, countyCode, day, ctx.regionOf),
      arena,
      onlinePlatform: onlinePlatformOf(rng, arena, day),
      crossBorder: rng.draw(CROSS_BORDER_LOCAL),
      crimeEstablished: crime,
      coercionDegree: 'unknown',
      controlMethods: [],
      notes: notesOf(rng, P.NOTES_GENERAL),
      offences: ['other'],
      parties,
    },
    day,
    randomPath(rng, P.OUTCOMES.other, crime),
  );
}

export function caseOfKind(ctx: Ctx, kind: P.CaseKind, day: number): SynthCase {
  switch (kind) {
    case 'sex_purchase':
      return sexPurchaseCase(ctx, day);
    case 'procuring':
      return procuringCase(ctx, day);
    case 'trafficking_sexual':
      return randomTraffickingCase(ctx, day);
    case 'trafficking_other':
    case 'exploitation':
      return labourCase(ctx, day, kind);
    case 'sex_purchase_child':
      return childCase(ctx, day);
    case 'other':
      return otherCase(ctx, day);
  }
}
