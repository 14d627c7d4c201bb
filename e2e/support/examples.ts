import type { APIRequestContext } from '@playwright/test';
import { DEMO, E2E } from '../fixtures';
import { callAction, encodeReply, signedInClient, type ActionAnswer, type ManifestAction } from './actions';

// A valid input for every server action, on records of the spec's own server: what a form would
// send. The generated-input test (e2e/hostile-input.spec.ts) varies them one field at a time, and
// the log test (e2e/logs.spec.ts) writes its markers through them. Which actions exist comes from
// the build's manifest; an action without an example here fails the generated-input test.

/** A date relative to today in Sweden, as YYYY-MM-DD. */
export function day(offset = 0): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
    new Date(Date.now() + offset * 86_400_000),
  );
}

/** Letters no other call gives (digits could look like a phone number to the privacy guard). */
export function uniqueLetters(length = 10): string {
  return Array.from({ length }, () => 'abcdefghijkmnopqrstuvwxyz'[Math.floor(Math.random() * 25)]).join('');
}

/** The accounts that call the actions: the demo roles, and accounts of their own for what ends a session. */
export const ACCOUNTS = {
  admin: DEMO.admin.email,
  national: DEMO.national.email,
  analyst: DEMO.analyst.email,
  coordinatorAB: DEMO.coordinatorAB.email,
  staffAB: DEMO.staffAB.email,
  coordinatorO: DEMO.coordinatorO.email,
  /** Changes its own account (password, two-factor sign-in, language). */
  account: E2E.password.email,
  /** Signs out. */
  signOut: E2E.idle.email,
} as const;
export type Account = keyof typeof ACCOUNTS;

/** The records the examples act on, created by `createRecords`; versions move as edits succeed. */
export type Records = {
  caseId: string;
  statusCaseId: string;
  /** A case whose perpetrator takes a justice step (decision 012), and that perpetrator's party id. */
  stepCaseId: string;
  stepPartyIds: string[];
  deleteCaseId: string;
  groupId: string;
  memberIds: string[];
  deleteGroupId: string;
  meetingId: string;
  deleteMeetingId: string;
  trainingId: string;
  deleteTrainingId: string;
  userId: string;
  versions: Record<string, number>;
};

const victim = {
  role: 'victim',
  sex: 'woman',
  ageBand: '21_25',
  originRegion: 'eu_east',
  citizenship: 'RO',
  plaintiffStatus: 'yes',
  residencePermit: 'not_relevant',
  support: ['counselling', 'sheltered_housing'],
};
const perpetrator = {
  role: 'perpetrator',
  sex: 'man',
  ageBand: '36_50',
  originRegion: 'sweden',
  citizenship: '',
  perpetratorRole: 'recruiter',
};

export const caseInput = () => ({
  countyCode: '01',
  reportedOn: day(-10),
  reportingBody: 'police',
  policeReportNumber: '',
  offences: ['trafficking_sexual'],
  arena: 'online',
  onlinePlatform: 'yes',
  crossBorder: 'no',
  crimeEstablished: 'uncertain',
  coercionDegree: 'degree_2',
  controlMethods: ['takes_earnings'],
  notes: 'Annonsen hittades av socialtjänsten.',
  parties: [victim, perpetrator],
});

export const groupInput = () => ({
  name: `Samverkan ${uniqueLetters()}`,
  countyCode: '01',
  kind: 'county',
  participatingCounties: ['03'],
  description: 'Länets samverkansgrupp.',
  activeFrom: day(-400),
  activeTo: '',
  members: [
    { id: '', organisationType: 'police', organisationName: 'Polisen', contactFunction: 'Kontaktpolis' },
    { id: '', organisationType: 'social_services', organisationName: 'Socialtjänsten', contactFunction: '' },
  ],
});

export const meetingInput = (r: Pick<Records, 'groupId' | 'memberIds'>) => ({
  groupId: r.groupId,
  date: day(-3),
  startTime: '09:00',
  endTime: '10:30',
  format: 'hybrid',
  place: 'Länsstyrelsen',
  attendees: r.memberIds,
  otherGuests: '1',
  agenda: '1. Läget',
  minutes: 'Inga nya ärenden.',
  decisions: 'Nästa möte i juni.',
  actionItems: [
    { id: '', version: '', description: 'Boka lokal', responsibleMemberId: r.memberIds[0], dueOn: day(20) },
  ],
  followUps: [],
});

export const trainingInput = () => ({
  countyCode: '01',
  organiser: 'county_board',
  title: 'Utbildning om människohandel',
  startsOn: day(-20),
  endsOn: day(-20),
  format: 'in_person',
  hours: '3,5',
  themes: ['legislation'],
  participants: [{ audience: 'police', participants: '12' }],
  evaluation: '4',
  groupId: '',
  description: 'Halvdag för polis.',
});

type Example = { account: Account; input: (r: Records) => unknown; version?: keyof Records };

/** An example per action export name: who calls it and with what (undefined: no argument). */
export const EXAMPLES: Record<string, Example> = {
  createCaseAction: { account: 'staffAB', input: caseInput },
  updateCaseAction: {
    account: 'staffAB',
    input: (r) => ({ ...caseInput(), id: r.caseId, version: r.versions[r.caseId] }),
    version: 'caseId',
  },
  recordStatusStepAction: {
    account: 'coordinatorAB',
    input: (r) => ({
      id: r.statusCaseId,
      version: r.versions[r.statusCaseId],
      status: 'investigation',
      occurredOn: day(-2),
      note: 'Förundersökning inledd.',
    }),
    version: 'statusCaseId',
  },
  recordPerpetratorStepsAction: {
    account: 'coordinatorAB',
    input: (r) => ({
      id: r.stepCaseId,
      version: r.versions[r.stepCaseId],
      partyIds: r.stepPartyIds,
      step: 'prosecuted',
      occurredOn: day(-2),
      offences: ['trafficking_sexual'],
      sanction: '',
      prisonBand: '',
    }),
    version: 'stepCaseId',
  },
  deleteCaseAction: {
    account: 'coordinatorAB',
    input: (r) => ({ id: r.deleteCaseId, version: r.versions[r.deleteCaseId] }),
    version: 'deleteCaseId',
  },
  restoreCaseAction: { account: 'coordinatorAB', input: (r) => ({ id: r.deleteCaseId }) },
  checkPoliceReportNumberAction: {
    account: 'staffAB',
    input: (r) => ({ policeReportNumber: '5000-K123456-25', excludeCaseId: r.caseId }),
  },
  createGroupAction: { account: 'coordinatorAB', input: groupInput },
  updateGroupAction: {
    account: 'coordinatorAB',
    input: (r) => ({
      ...groupInput(),
      id: r.groupId,
      version: r.versions[r.groupId],
      members: groupInput().members.map((m, i) => ({ ...m, id: r.memberIds[i] ?? '' })),
    }),
    version: 'groupId',
  },
  deleteGroupAction: {
    account: 'coordinatorAB',
    input: (r) => ({ id: r.deleteGroupId, version: r.versions[r.deleteGroupId] }),
    version: 'deleteGroupId',
  },
  restoreGroupAction: { account: 'coordinatorAB', input: (r) => ({ id: r.deleteGroupId }) },
  createMeetingAction: { account: 'coordinatorAB', input: meetingInput },
  updateMeetingAction: {
    account: 'coordinatorAB',
    input: (r) => ({ ...meetingInput(r), id: r.meetingId, version: r.versions[r.meetingId] }),
    version: 'meetingId',
  },
  deleteMeetingAction: {
    account: 'coordinatorAB',
    input: (r) => ({ id: r.deleteMeetingId, version: r.versions[r.deleteMeetingId] }),
    version: 'deleteMeetingId',
  },
  restoreMeetingAction: { account: 'coordinatorAB', input: (r) => ({ id: r.deleteMeetingId }) },
  createTrainingAction: { account: 'staffAB', input: trainingInput },
  updateTrainingAction: {
    account: 'staffAB',
    input: (r) => ({ ...trainingInput(), id: r.trainingId, version: r.versions[r.trainingId] }),
    version: 'trainingId',
  },
  deleteTrainingAction: {
    account: 'coordinatorAB',
    input: (r) => ({ id: r.deleteTrainingId, version: r.versions[r.deleteTrainingId] }),
    version: 'deleteTrainingId',
  },
  restoreTrainingAction: { account: 'coordinatorAB', input: (r) => ({ id: r.deleteTrainingId }) },
  createUserAction: {
    account: 'admin',
    input: () => ({
      email: 'ny.person@lagesbild.test',
      displayName: 'Ny Person',
      role: 'county_staff',
      countyCode: '14',
    }),
  },
  updateUserAction: {
    account: 'admin',
    input: (r) => ({ id: r.userId, displayName: 'Rolf Rollbyte', role: 'county_staff', countyCode: '01' }),
  },
  setUserActiveAction: { account: 'admin', input: (r) => ({ id: r.userId, active: true }) },
  resetPasswordAction: { account: 'admin', input: (r) => ({ id: r.userId }) },
  resetTwoFactorAction: { account: 'admin', input: (r) => ({ id: r.userId }) },
  setTwoFactorRolesAction: { account: 'admin', input: () => ({ roles: [] }) },
  releaseYearAction: { account: 'national', input: () => ({ year: 2024 }) },
  setReleaseDayAction: { account: 'national', input: () => ({ automatic: true, month: '3', day: '1', version: 0 }) },
  changePasswordAction: {
    account: 'account',
    input: () => ({
      currentPassword: 'not-the-current-password',
      newPassword: 'Ett helt nytt lösenord 2026',
      confirmPassword: 'Ett helt nytt lösenord 2026',
    }),
  },
  startTotpSetupAction: { account: 'account', input: () => ({}) },
  confirmTotpSetupAction: { account: 'account', input: () => ({ code: '000000' }) },
  regenerateRecoveryCodesAction: { account: 'account', input: () => ({ currentPassword: 'not-the-current-password' }) },
  disableTotpAction: { account: 'account', input: () => ({ currentPassword: 'not-the-current-password' }) },
  setLocaleAction: { account: 'account', input: () => ({ locale: 'sv' }) },
  signInAction: {
    account: 'analyst',
    input: () => ({ email: 'nobody@lagesbild.test', password: 'not-a-password', code: '', callbackUrl: '/' }),
  },
  ssoSignInAction: { account: 'analyst', input: () => ({ callbackUrl: '/' }) },
  signOutAction: { account: 'signOut', input: () => undefined },
  signOutIdleAction: { account: 'signOut', input: () => undefined },
};

/** The argument list of a call: none for an action that takes none. */
export const argsOf = (input: unknown): unknown[] => (input === undefined ? [] : [input]);

/** Signed-in clients of every account. */
export async function signInAll(baseURL: string): Promise<Record<Account, APIRequestContext>> {
  const entries = await Promise.all(
    (Object.keys(ACCOUNTS) as Account[]).map(async (key) => [key, await signedInClient(baseURL, ACCOUNTS[key])]),
  );
  return Object.fromEntries(entries) as Record<Account, APIRequestContext>;
}

/** The version an answer tells: the saved record's, or the current one a conflict names. */
export function versionIn(answer: ActionAnswer): number | undefined {
  const data = answer.result?.data as { version?: unknown } | undefined;
  const current = (answer.result?.details?.current as { version?: unknown } | undefined)?.version;
  const version = data?.version ?? current;
  return typeof version === 'number' ? version : undefined;
}

/**
 * The records the examples act on, created through the actions themselves.
 */
export async function createRecords(
  baseURL: string,
  clients: Record<Account, APIRequestContext>,
  actions: ManifestAction[],
): Promise<Records> {
  const byName = new Map(actions.map((a) => [a.name, a]));
  async function call(name: string, account: Account, input: unknown): Promise<Record<string, unknown>> {
    const answer = await callAction(clients[account], baseURL, byName.get(name)!, encodeReply(argsOf(input)));
    if (!answer.result?.ok) throw new Error(`${name} failed while preparing: ${answer.status} ${answer.text}`);
    return (answer.result.data ?? {}) as Record<string, unknown>;
  }
  const id = async (name: string, account: Account, input: unknown) => String((await call(name, account, input)).id);

  const [caseId, statusCaseId, deleteCaseId, stepCaseId] = [
    await id('createCaseAction', 'staffAB', caseInput()),
    await id('createCaseAction', 'staffAB', caseInput()),
    await id('createCaseAction', 'staffAB', caseInput()),
    await id('createCaseAction', 'staffAB', caseInput()),
  ];
  // The perpetrator's party id, as the case page's step form offers it.
  const page = await (await clients.coordinatorAB.get(`/cases/${stepCaseId}`)).text();
  const stepPartyIds = [...page.matchAll(/name="partyIds" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
  if (stepPartyIds.length !== 1)
    throw new Error(`expected the case's one perpetrator in the step form, found ${stepPartyIds.length}`);
  const groupId = await id('createGroupAction', 'coordinatorAB', groupInput());
  const deleteGroupId = await id('createGroupAction', 'coordinatorAB', groupInput());
  // The members' ids, as the new-meeting form offers them for attendance.
  const form = await (await clients.coordinatorAB.get(`/coordination/meetings/new?group=${groupId}`)).text();
  const memberIds = [...form.matchAll(/name="attendees" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
  if (memberIds.length !== 2)
    throw new Error(`expected the group's two members in the meeting form, found ${memberIds.length}`);
  const meetingId = await id('createMeetingAction', 'coordinatorAB', meetingInput({ groupId, memberIds }));
  const deleteMeetingId = await id('createMeetingAction', 'coordinatorAB', meetingInput({ groupId, memberIds }));
  const trainingId = await id('createTrainingAction', 'staffAB', trainingInput());
  const deleteTrainingId = await id('createTrainingAction', 'staffAB', trainingInput());
  const userId = await id('createUserAction', 'admin', {
    email: 'mal.for.andringar@lagesbild.test',
    displayName: 'Mål För Ändringar',
    role: 'county_staff',
    countyCode: '01',
  });
  const versions = Object.fromEntries(
    [
      caseId,
      statusCaseId,
      stepCaseId,
      deleteCaseId,
      groupId,
      deleteGroupId,
      meetingId,
      deleteMeetingId,
      trainingId,
      deleteTrainingId,
    ].map((v) => [v, 1]),
  );
  return {
    caseId,
    statusCaseId,
    stepCaseId,
    stepPartyIds,
    deleteCaseId,
    groupId,
    memberIds,
    deleteGroupId,
    meetingId,
    deleteMeetingId,
    trainingId,
    deleteTrainingId,
    userId,
    versions,
  };
}
