// The register's categories in the codes of the UN/IOM Human Trafficking Case Data Standard
// (HTCDS); docs/statistics-mapping.md lists them. Pure.
import type { AgeBand, CaseStatus, ControlMethod, Offence, PerpetratorRole, ReportingBody, Sex } from '@/lib/enums';
import {
  CITIZENSHIP_BY_ORIGIN,
  OTHER_EU_COUNTRIES,
  exploitationOf,
  maskOf,
  type CitizenshipGroup,
  type ExploitationForm,
} from './measures';
import { AGE_BANDS, REPORTING_BODIES, SEXES } from '@/lib/enums';

const HTCDS_GENDER: Record<Sex, string> = { woman: 'Female', man: 'Male', other: 'Other', unknown: 'Unknown' };

const HTCDS_STATUS: Record<CaseStatus, string> = {
  reported: 'Reported',
  investigation: 'UnderInvestigation',
  discontinued: 'InvestigationDiscontinued',
  prosecuted: 'Prosecuted',
  convicted: 'Convicted',
  acquitted: 'Acquitted',
  closed: 'Closed',
};

const HTCDS_REFERRING_ORGANISATION: Record<ReportingBody, string> = {
  police: 'LawEnforcement',
  prosecutor: 'Prosecutor',
  social_services: 'SocialServices',
  health_care: 'HealthCare',
  migration_agency: 'Immigration',
  customs: 'Customs',
  coast_guard: 'CoastGuard',
  ngo: 'NGO',
  school_youth: 'School',
  county_board: 'GovernmentAgency',
  victim: 'SelfReferral',
  other: 'Other',
};

const HTCDS_METHODS_OF_CONTROL: Record<ControlMethod, string> = {
  physical_abuse: 'PhysicalAbuse',
  sexual_abuse: 'SexualAbuse',
  physical_threats: 'PhysicalThreats',
  threats_family: 'ThreatsToFamily',
  threats_authorities: 'ThreatOfLawEnforcement',
  false_promises: 'FalsePromises',
  debt_bondage: 'DebtBondage',
  takes_earnings: 'TakesEarnings',
  withholds_documents: 'WithholdsDocuments',
  restricts_movement: 'RestrictsMovement',
  psychoactive_substances: 'PsychoactiveSubstance',
  psychological_abuse: 'PsychologicalAbuse',
  other: 'Other',
};

const HTCDS_ROLE_IN_PROCESS: Record<PerpetratorRole, string> = {
  recruiter: 'Recruiter',
  transporter: 'Transporter',
  harbourer: 'Harbourer',
  exploiter: 'Exploiter',
  buyer: 'Buyer',
  other: 'Other',
  unknown: 'Unknown',
};

const HTCDS_EXPLOITATION: Record<ExploitationForm, string> = {
  sexual: 'SexualExploitation',
  labour: 'ForcedLabour',
  other: 'OtherExploitation',
};

const HTCDS_CITIZENSHIP: Record<CitizenshipGroup, string> = {
  swedish: 'ReportingCountry',
  other_eu: 'OtherEU',
  non_eu: 'NonEU',
  unknown: 'Unknown',
};

/** The Eurostat citizenship group of a party: from the ISO code, else from the origin region. */
function citizenshipGroup(citizenship: string | null, origin: string): CitizenshipGroup {
  if (citizenship === 'SE') return 'swedish';
  if (citizenship && (OTHER_EU_COUNTRIES as readonly string[]).includes(citizenship)) return 'other_eu';
  if (citizenship) return 'non_eu';
  return CITIZENSHIP_BY_ORIGIN[origin as keyof typeof CITIZENSHIP_BY_ORIGIN] ?? 'unknown';
}

type Row = {
  year: number;
  county: string;
  status: string;
  body: string;
  crime: string;
  degree: string;
  offences: string[] | string;
  methods: string[] | string;
  parties: unknown;
};

type PartyRow = {
  role: 'victim' | 'perpetrator';
  sex: Sex;
  age: AgeBand;
  origin: string;
  citizenship: string | null;
  perpetratorRole: PerpetratorRole | null;
};

/** A PostgreSQL array as text ("{a,b}") when a driver leaves it so. */
function arrayOf(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',') : [];
}

function toCase(r: Row, counties: readonly { code: string; nameSv: string }[]) {
  const offences = arrayOf(r.offences) as Offence[];
  const parties = (typeof r.parties === 'string' ? JSON.parse(r.parties) : r.parties) as PartyRow[];
  return {
    cas_YearOfRegistration: Number(r.year),
    cas_Country: 'SE' as const,
    cas_Region: counties.find((c) => c.code === r.county)?.nameSv ?? r.county,
    cas_Status: HTCDS_STATUS[r.status as CaseStatus],
    cas_ReferringOrganisation: HTCDS_REFERRING_ORGANISATION[r.body as ReportingBody],
    cas_CrimeEstablished: r.crime,
    cas_CoercionDegree: r.degree,
    cas_Offences: offences,
    vic_TypeOfExploitation: HTCDS_EXPLOITATION[exploitationOf(maskOf(offences))],
    vic_MethodsOfControl: arrayOf(r.methods).map((m) => HTCDS_METHODS_OF_CONTROL[m as ControlMethod]),
    parties: parties.map((p) => ({
      per_Role: p.role === 'victim' ? ('Victim' as const) : ('Perpetrator' as const),
      prs_Gender: HTCDS_GENDER[p.sex],
      prs_AgeBand: p.age,
      prs_CitizenshipGroup: HTCDS_CITIZENSHIP[citizenshipGroup(p.citizenship, p.origin)],
      prs_OriginRegion: p.origin,
      per_RoleInProcess: p.perpetratorRole ? HTCDS_ROLE_IN_PROCESS[p.perpetratorRole] : null,
    })),
  };
}

/** The aggregates every viewer gets: HTCDS dimension, code, and the measure of the figures behind it. */
const aggregates: { dimension: string; code: string; measure: string }[] = [
  { dimension: 'cas_Total', code: 'Cases', measure: 'cases' },
  ...REPORTING_BODIES.map((b) => ({
    dimension: 'cas_ReferringOrganisation',
    code: HTCDS_REFERRING_ORGANISATION[b],
    measure: `body_${b}`,
  })),
  { dimension: 'cas_Status', code: 'UnderInvestigation', measure: 'reached_investigation' },
  { dimension: 'cas_Status', code: 'Prosecuted', measure: 'reached_prosecuted' },
  { dimension: 'cas_Status', code: 'Convicted', measure: 'reached_convicted' },
  { dimension: 'vic_Total', code: 'Victims', measure: 'victims' },
  ...SEXES.map((s) => ({ dimension: 'vic_prs_Gender', code: HTCDS_GENDER[s], measure: `v_sex_${s}` })),
  ...AGE_BANDS.map((a) => ({ dimension: 'vic_prs_AgeBand', code: a, measure: `v_age_${a}` })),
  ...(['sexual', 'labour', 'other'] as const).map((f) => ({
    dimension: 'vic_TypeOfExploitation',
    code: HTCDS_EXPLOITATION[f],
    measure: `eu_form_${f}`,
  })),
  { dimension: 'per_Total', code: 'Perpetrators', measure: 'perpetrators' },
  ...SEXES.map((s) => ({ dimension: 'per_prs_Gender', code: HTCDS_GENDER[s], measure: `p_sex_${s}` })),
];

export const htcds = { toCase, aggregates };
