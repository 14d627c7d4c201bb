// The register's trafficking and human-exploitation cases as HTCDS 2.0 records (UN Migration /
// IOM Human Trafficking Case Data Standard, version 2.0 of 24 December 2021; "Human Trafficking
// Case Data Standard (HTCDS) by IOM", CC BY 4.0). Every field name and picklist value is the
// standard's own (../shared/reference/htcds-2.0-fields.csv, checked by htcds.test.ts); what the
// register holds and HTCDS does not is under the extension prefix `lagesbild_`, never as if it were
// HTCDS. docs/statistics-mapping.md is the crosswalk. Pure.
import {
  OFFENCES,
  type AgeBand,
  type CaseStatus,
  type ControlMethod,
  type JusticeStep,
  type Offence,
  type OriginRegion,
  type PerpetratorRole,
  type ReportingBody,
  type Sex,
} from '@/lib/enums';

/** The extension prefix of everything the register adds to HTCDS. */
export const HTCDS_EXTENSION_PREFIX = 'lagesbild_';

/** The cases HTCDS is a standard for: trafficking (BrB 4 kap. 1 a §) and human exploitation (1 b §). */
export const HTCDS_OFFENCES: readonly Offence[] = ['trafficking_sexual', 'trafficking_other', 'exploitation'];

/** prs_Gender: the register records sex as woman, man, other or unknown. */
const GENDER: Record<Sex, string> = {
  woman: 'Feminine',
  man: 'Masculine',
  other: 'NonConforming',
  unknown: 'NonSpecifiedUnknown',
};

/**
 * vic_TypeOfExploitation from the trafficking purpose the offence names: for sexual purposes →
 * SexualExploitation; for other purposes and human exploitation the register does not say which
 * (forced labour, begging, crime, organ removal …), so Other.
 */
const EXPLOITATION: Partial<Record<Offence, string>> = {
  trafficking_sexual: 'SexualExploitation',
  trafficking_other: 'Other',
  exploitation: 'Other',
};

/** vic_MethodsOfControl; 'restricts_movement' has no HTCDS value (RestrictsFinancialAccess and the like are others) → Other. */
const METHODS_OF_CONTROL: Record<ControlMethod, string> = {
  physical_abuse: 'PhysicalAbuse',
  sexual_abuse: 'SexualAbuse',
  physical_threats: 'PhysicalThreats',
  threats_family: 'ThreatensChildrenFamily',
  threats_authorities: 'ThreatsLawEnforcement',
  false_promises: 'FalsePromises',
  debt_bondage: 'DebtBondage',
  takes_earnings: 'TakesEarnings',
  withholds_documents: 'WithholdsDocuments',
  restricts_movement: 'Other',
  psychoactive_substances: 'PsychoactiveSubstance',
  psychological_abuse: 'PsychologicalAbuse',
  other: 'Other',
};

/**
 * per_RoleInProcess: a buyer of a sexual service is not HTCDS's BoughtIndividual (a person who
 * bought the victim), so Other, as the register's 'other'; 'unknown' gives no value.
 */
const ROLE_IN_PROCESS: Record<PerpetratorRole, string | null> = {
  recruiter: 'RecruiterOrIntermediary',
  transporter: 'Transporter',
  harbourer: 'HarbouredIndividual',
  exploiter: 'Exploiter',
  buyer: 'Other',
  other: 'Other',
  unknown: null,
};

/** org_Type of the organisation the case came from (cas_ReferringOrganisation); none for the victim themself or 'other'. */
const ORGANISATION_TYPE: Record<ReportingBody, string | null> = {
  police: 'LawEnforcement',
  prosecutor: 'CentralGovernmentOrganisation',
  social_services: 'LocalGovernmentOrganisation',
  health_care: 'HealthServiceOrganisation',
  migration_agency: 'ImmigrationService',
  customs: 'LawEnforcement',
  coast_guard: 'LawEnforcement',
  ngo: 'NGO',
  school_youth: 'SchoolOrCollege',
  county_board: 'CentralGovernmentOrganisation',
  victim: null,
  other: null,
};

/**
 * cas_Status is the case-management status: Active while the case is open, Closed once closed.
 * ClosedReferred (moved to another organisation) and FollowUp are not used: the register has no
 * referral out of it yet (issue 19), nor a follow-up state.
 */
const caseStatusOf = (status: CaseStatus) => (status === 'closed' ? 'Closed' : 'Active');

/** What the export reads of one case (the export's query). */
export type HtcdsSource = {
  year: number;
  countyLetter: string;
  status: CaseStatus;
  body: ReportingBody;
  crime: string;
  degree: string;
  offences: Offence[];
  methods: ControlMethod[];
  parties: {
    role: 'victim' | 'perpetrator';
    sex: Sex;
    age: AgeBand;
    origin: OriginRegion;
    citizenship: string | null;
    perpetratorRole: PerpetratorRole | null;
    /** The person's justice steps, each with the year only. */
    steps: { lagesbild_Step: JusticeStep; lagesbild_Year: number }[];
  }[];
};

type Party = HtcdsSource['parties'][number];

const person = (p: Party) => ({
  prs_Gender: GENDER[p.sex],
  // ISO 3166-1 alpha-2 where the register has it; none where it has the origin region only.
  prs_Citizenship: p.citizenship ? [p.citizenship] : [],
  lagesbild_AgeBand: p.age,
  lagesbild_OriginRegion: p.origin,
});

const unique = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];

/** One case as an HTCDS record: no reference, report number, id or date finer than the year. */
export function htcdsRecordOf(c: HtcdsSource) {
  const exploitation = unique(c.offences.map((o) => EXPLOITATION[o] ?? null));
  const methods = unique(c.methods.map((m) => METHODS_OF_CONTROL[m]));
  const organisation = ORGANISATION_TYPE[c.body];
  return {
    cas_Status: caseStatusOf(c.status),
    cas_ReferringOrganisation: organisation ? { org_Type: organisation } : null,
    lagesbild_ReportYear: c.year,
    // ISO 3166-2:SE, the county's letter code.
    lagesbild_County: `SE-${c.countyLetter}`,
    lagesbild_CaseStatus: c.status,
    lagesbild_ReportingBody: c.body,
    lagesbild_Offences: OFFENCES.filter((o) => c.offences.includes(o)),
    lagesbild_CrimeEstablished: c.crime,
    lagesbild_CoercionDegree: c.degree,
    lagesbild_ControlMethods: c.methods,
    lagesbild_Victims: c.parties
      .filter((p) => p.role === 'victim')
      .map((p) => ({ ...person(p), vic_TypeOfExploitation: exploitation, vic_MethodsOfControl: methods })),
    lagesbild_Perpetrators: c.parties
      .filter((p) => p.role === 'perpetrator')
      .map((p) => ({
        ...person(p),
        per_RoleInProcess: unique([p.perpetratorRole ? ROLE_IN_PROCESS[p.perpetratorRole] : null]),
        lagesbild_PerpetratorRole: p.perpetratorRole,
        lagesbild_JusticeSteps: p.steps,
      })),
  };
}

export type HtcdsRecord = ReturnType<typeof htcdsRecordOf>;
