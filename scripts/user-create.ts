// npm run user:create -- --email anna@lansstyrelsen.se --role admin [--county 01 | --region Syd] [--name "Anna A"]
// How the first admin of a real installation is made. Asks for a password on a terminal, or
// generates one and prints it once.
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { passwordProblem } from '@/lib/password-policy';
import { createUser } from '@/db/queries/users/admin';
import { POLICE_REGIONS, regionByName } from '@/lib/regions';
import { ROLES, type Role } from '@/lib/roles';
import { arg, describeDatabase, runCli } from './cli';

async function askPassword(): Promise<string | null> {
  if (!process.stdin.isTTY) return null;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question('Password (at least 12 characters; empty = generate one): ');
  rl.close();
  return answer.trim() === '' ? null : answer;
}

void runCli(async () => {
  const email = arg('email');
  const role = arg('role') as Role | undefined;
  const county = arg('county') ?? null;
  const regionArg = arg('region');
  if (!email || !role || !ROLES.includes(role)) {
    throw new Error(
      `usage: npm run user:create -- --email <e-mail> --role <${ROLES.join('|')}> [--county 01 | --region <${POLICE_REGIONS.join('|')}>] [--name "Name"]`,
    );
  }
  // A region by its name, in any case and with a/o for å/ä/ö (--region ost is Öst).
  const policeRegion = regionArg === undefined ? null : regionByName(regionArg);
  if (regionArg !== undefined && !policeRegion)
    throw new Error(`"${regionArg}" is not a police region (${POLICE_REGIONS.join(', ')})`);
  const typed = await askPassword();
  // The same policy as the account page (too short, one of the common passwords, the e-mail's local part).
  const problem = typed === null ? null : passwordProblem(typed, email);
  if (problem) throw new Error(`the password is refused (${problem.replace('_', ' ')}); see db/password-policy.ts`);
  const password = typed ?? randomBytes(12).toString('base64url');
  const { id } = await createUser(null, {
    email,
    displayName: arg('name') ?? email.split('@')[0]!,
    role,
    countyCode: county,
    policeRegion,
    password,
  });
  console.log(
    `Created ${role} ${email} (${id})${policeRegion ? ` for police region ${policeRegion}` : ''} in ${describeDatabase()}.`,
  );
  if (typed === null) console.log(`Generated password (shown once): ${password}`);
});
