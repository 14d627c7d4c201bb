// A real OpenID Connect provider on the loopback interface for the single sign-on tests
// (oidc-provider, a certified implementation; devDependency). Its development login form takes
// any login name and password: the login name becomes the person's e-mail address, verified
// unless it starts with "unverified".
//   node e2e/oidc-provider.mjs   (E2E_OIDC_PORT, E2E_SSO_APP_URL)
import Provider from 'oidc-provider';

const port = Number(process.env.E2E_OIDC_PORT ?? 3301);
const appUrl = process.env.E2E_SSO_APP_URL ?? 'http://localhost:3302';
// 127.0.0.1, not localhost: the app's server fetches from it, and must not try ::1 first.
const issuer = `http://127.0.0.1:${port}`;

const client = {
  id: process.env.E2E_OIDC_CLIENT_ID ?? 'lagesbild-e2e',
  secret: process.env.E2E_OIDC_CLIENT_SECRET ?? 'e2e-client-secret-only-for-tests',
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: client.id,
      client_secret: client.secret,
      redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: id.replace(/^unverified\./, ''),
          email_verified: !id.startsWith('unverified.'),
          name: id.split('@')[0],
        };
      },
    };
  },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // Put the requested claims in the ID token, as most organisations' providers do (Auth.js reads
  // the ID token of an OpenID Connect provider).
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: ['e2e-only-cookie-key'] },
});

const server = provider.listen(port, '127.0.0.1', () => console.log(`OIDC test provider on ${issuer}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
