import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login/login-form";
import { safeCallbackPath } from "@/lib/auth/callback";
import { currentUser } from "@/lib/auth/current-user";
import { REFUSAL_MESSAGES } from "@/lib/auth/idp";
import { localAccountsAllowed } from "@/lib/auth/options";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const error = typeof params.error === "string" ? params.error : undefined;
  const refusal = error && Object.hasOwn(REFUSAL_MESSAGES, error) ? REFUSAL_MESSAGES[error as keyof typeof REFUSAL_MESSAGES] : error ? "Sign-in failed. Try again." : null;
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-xs font-semibold uppercase tracking-wider text-sky-700">BuildItAll</p>
        <h1 className="mt-1 text-xl font-semibold">Sign in to the data platform</h1>
        {refusal && (
          <p role="alert" className="mt-4 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
            {refusal}
          </p>
        )}
        <LoginForm
          callbackUrl={callbackUrl}
          local={localAccountsAllowed()}
          sso={Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID)}
        />
      </div>
    </main>
  );
}
