// Optional single sign-on with one OpenID Connect provider, configured by environment variables
// (README, "Single sign-on"). Without the three required ones there is no provider and no button.

export type SsoConfig = {
  id: 'oidc';
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /**
   * Accept the provider's e-mail address without an `email_verified: true` claim. Only for a
   * provider that is the organisation's own directory, whose addresses are assigned, not typed in
   * by the person (some, e.g. Microsoft Entra ID, send no such claim). AUTH_OIDC_TRUST_EMAIL=true.
   */
  trustEmail: boolean;
};

export function ssoConfig(env: Record<string, string | undefined> = process.env): SsoConfig | null {
  const issuer = env.AUTH_OIDC_ISSUER?.trim();
  const clientId = env.AUTH_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.AUTH_OIDC_CLIENT_SECRET?.trim();
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    id: 'oidc',
    name: env.AUTH_OIDC_NAME?.trim() || 'SSO',
    issuer,
    clientId,
    clientSecret,
    trustEmail: env.AUTH_OIDC_TRUST_EMAIL === 'true',
  };
}
