import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { rateLimit } from "@/lib/auth/rate-limit";
import { sameOriginRedirect } from "./callback";
import { clientAddress } from "./client-address";
import { hashPassword, verifyPassword } from "./password";
import { refusalPath, signInFromIdp, type GroupMapping } from "./idp";

const SIGN_IN_LIMIT = { perEmail: 10, perAddress: 30, windowMs: 15 * 60_000 };

const Credentials = z.object({
  // Local accounts live under the "local" host, which z.email() rejects for having no TLD.
  email: z
    .string()
    .max(254)
    .regex(/^[^\s@]+@[^\s@]+$/)
    .transform((s) => s.toLowerCase()),
  password: z.string().min(1).max(1024),
});

/** Local accounts exist for the embedded estate only; production signs in through the IdP. */
export const localAccountsAllowed = () => env.NODE_ENV !== "production";

export function authSecret(): string {
  if (!env.NEXTAUTH_SECRET) {
    throw new Error("NEXTAUTH_SECRET is not set (npm run up generates one under .platform/).");
  }
  return env.NEXTAUTH_SECRET;
}

let decoy: Promise<string> | undefined;
const decoyHash = () => (decoy ??= hashPassword(crypto.randomUUID()));

const localAccounts = CredentialsProvider({
  id: "local",
  name: "Local account",
  credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
  async authorize(raw, req) {
    if (!localAccountsAllowed()) throw new Error("Local accounts are disabled in production.");
    const parsed = Credentials.safeParse(raw);
    if (!parsed.success) throw new Error("Enter an email address and a password.");
    const { email, password } = parsed.data;

    const waits = await Promise.all([
      rateLimit(`signin:email:${email}`, SIGN_IN_LIMIT.perEmail, SIGN_IN_LIMIT.windowMs),
      rateLimit(`signin:ip:${clientAddress(req?.headers?.["x-forwarded-for"], env.TRUSTED_PROXY_HOPS)}`, SIGN_IN_LIMIT.perAddress, SIGN_IN_LIMIT.windowMs),
    ]);
    const wait = Math.max(...waits);
    if (wait > 0) throw new Error(`Too many sign-in attempts. Try again in ${Math.ceil(wait / 60)} minutes.`);

    const user = await prisma.user.findUnique({ where: { email } });
    // Hash even when there is no such account, so the answer's timing does not tell which exist.
    const stored = user?.passwordHash ?? (await decoyHash());
    const ok = (await verifyPassword(password, stored)) && user?.passwordHash && !user.disabled && user.role;
    if (!user || !ok) throw new Error("Wrong email or password.");
    await prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    return { id: user.id, email: user.email, name: user.name ?? user.email, sessionVersion: user.sessionVersion };
  },
});

function oidcProvider(): Provider | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    id: "oidc",
    name: "Company sign-in",
    type: "oauth",
    wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(p: { sub: string; email?: string; name?: string }) {
      return { id: p.sub, email: p.email ?? "", name: p.name ?? p.email ?? p.sub };
    },
  };
}

/** The groups → roles configuration the IdP's sign-ins are read with. */
export const groupMapping = (): GroupMapping => ({ claim: env.OIDC_GROUPS_CLAIM, map: env.OIDC_ROLE_MAP ?? {}, defaultRole: env.OIDC_DEFAULT_ROLE });

export const authOptions: NextAuthOptions = {
  // Never undefined at run time: the server does not start without it (instrumentation.ts).
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [...(localAccountsAllowed() ? [localAccounts] : []), ...[oidcProvider()].filter((p) => p !== null)],
  callbacks: {
    // Only this origin's paths (see callback.ts): next-auth's own check lets "/\\host" through.
    redirect: ({ url, baseUrl }) => sameOriginRedirect(url, baseUrl),
    async signIn({ account, profile }) {
      if (account?.provider !== "oidc") return true;
      const result = await signInFromIdp(prisma, (profile ?? {}) as Record<string, unknown>, groupMapping());
      return result.ok ? true : refusalPath(result.refusal);
    },
    async jwt({ token, user, account, profile }) {
      if (account?.provider === "oidc" && profile) {
        // Found by (iss, sub), as signIn bound it; never by the email.
        const claims = profile as { iss?: unknown; sub?: unknown };
        if (typeof claims.iss !== "string" || typeof claims.sub !== "string") return token;
        const row = await prisma.user.findUnique({ where: { oidcIssuer_oidcSubject: { oidcIssuer: claims.iss, oidcSubject: claims.sub } } });
        if (row) Object.assign(token, { uid: row.id, sv: row.sessionVersion, email: row.email });
      } else if (account?.provider === "local" && user) {
        Object.assign(token, { uid: user.id, sv: user.sessionVersion ?? 0 });
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.uid === "string") {
        session.user.id = token.uid;
        session.user.sv = token.sv;
      }
      return session;
    },
  },
};
