import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { withBoundedBody } from "@/lib/api/body";
import { authOptions } from "@/lib/auth/options";

const nextAuth = NextAuth(authOptions);

/** next-auth's routes with the same body cap as every other route (413 past it). */
async function handler(req: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  const bounded = await withBoundedBody(req);
  if (bounded instanceof Response) return bounded;
  return nextAuth(new NextRequest(bounded), context);
}

export { handler as GET, handler as POST };
