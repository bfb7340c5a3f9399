export {};

declare module "next-auth" {
  interface Session {
    /** `sv`: the account's session version when the session was issued (lib/auth/current-user.ts). */
    user?: { id?: string; email?: string | null; name?: string | null; sv?: number };
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    /** The account's sessionVersion at sign-in: a session of an older version is no longer valid. */
    sv?: number;
  }
}
