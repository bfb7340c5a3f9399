import { createServer, type Server } from "node:http";
import Provider from "oidc-provider";

/**
 * A real OpenID provider (oidc-provider, certified) on loopback for the production smoke test, with
 * its development login form: any password, the login names one of the people below. Claims asked
 * for by the scopes go into the ID token (conformIdTokenClaims off), as Cognito and Entra ID put them there.
 */
export const PEOPLE: Record<string, { email: string; email_verified: boolean; groups: string[] }> = {
  engineer: { email: "eng@example.com", email_verified: true, groups: ["engineers"] },
  unverified: { email: "unverified@example.com", email_verified: false, groups: ["engineers"] },
  // Another subject with the engineer's email: refused, not merged.
  impostor: { email: "eng@example.com", email_verified: true, groups: ["platform-admins"] },
  outsider: { email: "outsider@example.com", email_verified: true, groups: ["marketing"] },
};

export const CLIENT = { id: "portal", secret: "smoke-client-secret-not-a-real-one" };

export async function startIdp(port: number, portalUrl: string): Promise<{ issuer: string; close: () => Promise<void> }> {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [`${portalUrl}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub", "cognito:groups"], email: ["email", "email_verified"], profile: ["name"] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      const person = PEOPLE[sub];
      if (!person) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, email: person.email, email_verified: person.email_verified, name: `Smoke ${sub}`, "cognito:groups": person.groups };
        },
      };
    },
  });
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { issuer, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
