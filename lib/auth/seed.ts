import { randomInt } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

export const LOCAL_ROLES: readonly Role[] = ["viewer", "engineer", "lead", "admin"];
export const localEmail = (role: Role) => `${role}@local`;

// No 0/O, 1/l/I: read off a terminal and typed by hand. 4 groups of 5 from 31 symbols ≈ 99 bits.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

export function generatePassword(): string {
  const group = () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return [group(), group(), group(), group()].join("-");
}

export type SeedResult = { created: string[]; reset: string[]; unchanged: string[] };

/**
 * Creates the four local accounts (one per role) that are missing, all with `password`. Existing
 * accounts are left as they are, unless `resetPasswords`, which sets their password only.
 */
export async function seedLocalAccounts(
  prisma: PrismaClient,
  options: { password: string; resetPasswords: boolean },
): Promise<SeedResult> {
  const result: SeedResult = { created: [], reset: [], unchanged: [] };
  for (const role of LOCAL_ROLES) {
    const email = localEmail(role);
    const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
    if (existing && !options.resetPasswords) {
      result.unchanged.push(email);
      continue;
    }
    const passwordHash = await hashPassword(options.password);
    if (existing) {
      await prisma.user.update({ where: { email }, data: { passwordHash } });
      result.reset.push(email);
    } else {
      await prisma.user.create({ data: { email, name: `Local ${role}`, role, passwordHash } });
      result.created.push(email);
    }
  }
  return result;
}
