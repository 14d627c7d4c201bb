// The weights of the other kinds' generators (kinds.ts): how many parties, how sure the crime,
// how severe the coercion, and who the parties are, kind by kind. Pure data.
import {
  type AgeBand,
  type CoercionDegree,
  type CrimeEstablished,
  type OriginRegion,
  type PerpetratorRole,
  type ResidencePermit,
  type Sex,
  type YesNoUnknown,
} from '@/lib/enums';
import * as P from './profiles';
import { weighted } from './random';

export const COUNT_1_2 = weighted<number>([
  [1, 95],
  [2, 5],
]);
export const BUYERS = weighted<number>([
  [1, 93],
  [2, 6],
  [3, 1],
]);
export const CRIME_SEX_PURCHASE = weighted<CrimeEstablished>([
  ['yes', 88],
  ['uncertain', 10],
  ['no', 2],
]);
export const CRIME_USUAL = weighted<CrimeEstablished>([
  ['yes', 80],
  ['uncertain', 18],
  ['no', 2],
]);
export const CRIME_LABOUR = weighted<CrimeEstablished>([
  ['yes', 75],
  ['uncertain', 22],
  ['no', 3],
]);
export const CRIME_OTHER = weighted<CrimeEstablished>([
  ['yes', 55],
  ['uncertain', 40],
  ['no', 5],
]);
export const DEGREE_CHILD = weighted<CoercionDegree>([
  ['unknown', 45],
  ['degree_3', 30],
  ['degree_2', 20],
  ['degree_1', 5],
]);
export const DEGREE_PROCURING = weighted<CoercionDegree>([
  ['degree_3', 60],
  ['degree_2', 25],
  ['degree_1', 5],
  ['unknown', 10],
]);
export const DEGREE_LABOUR = weighted<CoercionDegree>([
  ['degree_2', 45],
  ['degree_3', 25],
  ['degree_1', 20],
  ['unknown', 10],
]);
export const DEGREE_EXPLOITATION = weighted<CoercionDegree>([
  ['degree_2', 50],
  ['degree_3', 40],
  ['unknown', 10],
]);
export const PROCURING_VICTIMS = weighted<number>([
  [1, 65],
  [2, 20],
  [3, 10],
  [4, 5],
]);
export const PROCURING_PERPETRATORS = weighted<number>([
  [1, 80],
  [2, 17],
  [3, 3],
]);
export const LABOUR_VICTIMS = weighted<number>([
  [1, 55],
  [2, 15],
  [3, 12],
  [4, 8],
  [5, 4],
  [6, 3],
  [8, 3],
]);
export const LABOUR_PERPETRATORS = weighted<number>([
  [1, 75],
  [2, 20],
  [3, 5],
]);
export const PLAINTIFF_CHILD = weighted<YesNoUnknown>([
  ['yes', 90],
  ['unknown', 10],
]);
export const PLAINTIFF_PROCURING = weighted<YesNoUnknown>([
  ['yes', 65],
  ['unknown', 20],
  ['no', 15],
]);
export const PLAINTIFF_LABOUR = weighted<YesNoUnknown>([
  ['yes', 70],
  ['unknown', 20],
  ['no', 10],
]);
export const PERMIT_CHILD = weighted<ResidencePermit>([
  ['granted', 60],
  ['not_relevant', 30],
  ['applied', 10],
]);
export const SELLER_SUPPORT = weighted(P.SELLER_SUPPORT.map(([, w], i) => [i, w] as const));
export const VICTIM_SEX_PROCURING = weighted<Sex>([
  ['woman', 96],
  ['man', 3],
  ['other', 1],
]);
export const SEX_LABOUR_VICTIM = weighted<Sex>([
  ['man', 60],
  ['woman', 38],
  ['other', 2],
]);
export const SEX_LABOUR_PERPETRATOR = weighted<Sex>([
  ['man', 80],
  ['woman', 20],
]);
export const SEX_PROCURING_PERPETRATOR = weighted<Sex>([
  ['man', 68],
  ['woman', 32],
]);
export const CHILD_AGE = weighted<AgeBand>([
  ['15_17', 85],
  ['0_14', 15],
]);
export const BUYER_AGE_CHILD = weighted<AgeBand>([
  ['21_25', 12],
  ['26_35', 30],
  ['36_50', 38],
  ['51_plus', 19],
  ['unknown', 1],
]);
export const OTHER_SEX = weighted<Sex>([
  ['woman', 70],
  ['man', 28],
  ['unknown', 2],
]);
export const OTHER_AGE = weighted<AgeBand>([
  ['15_17', 8],
  ['18_20', 15],
  ['21_25', 25],
  ['26_35', 30],
  ['36_50', 17],
  ['unknown', 5],
]);
export const OTHER_ORIGIN = weighted<OriginRegion>([
  ['sweden', 45],
  ['eu_east', 20],
  ['middle_east', 10],
  ['africa_other', 10],
  ['asia', 5],
  ['unknown', 10],
]);
export const OTHER_ROLE = weighted<PerpetratorRole>([
  ['other', 50],
  ['exploiter', 30],
  ['unknown', 20],
]);
