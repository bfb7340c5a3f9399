import { z } from "zod";
import { InvalidInput } from "../errors";

// What may reach an Airflow command. Each id is one argv element and may not start with "-",
// so it can never be read as an option; conf is one JSON argument of bounded size.
export const MAX_CONF_BYTES = 16 * 1024;

export const dagIdSchema = z
  .string()
  .max(250)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, "a DAG id is letters, digits, _ . - and starts with a letter, digit or _");

// Airflow's default allowed_run_id_pattern, minus a leading "-".
export const runIdSchema = z
  .string()
  .max(250)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.~:+-]*$/, "a run id is letters, digits, _ . ~ : + - and starts with a letter, digit or _");

/** Why a conf could not be stored and sent exactly as received, or null: it is then refused, never changed. */
export function unfaithfulConf(value: unknown, path = "conf"): string | null {
  if (typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return `${path} is an integer beyond 2^53, which JSON readers round; send it as a string`;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const problem = unfaithfulConf(v, `${path}[${i}]`);
      if (problem) return problem;
    }
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      // An own "__proto__" key is dropped by any code that copies the object key by key (zod's record among them).
      if (k === "__proto__") return `${path} has a key named __proto__, which cannot be kept as sent`;
      const problem = unfaithfulConf(v, `${path}.${k}`);
      if (problem) return problem;
    }
  }
  return null;
}

export const confSchema = z.preprocess(
  (value, ctx) => {
    const problem = unfaithfulConf(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
    return value;
  },
  z
    .record(z.string().max(100), z.unknown())
    .refine((conf) => Buffer.byteLength(JSON.stringify(conf)) <= MAX_CONF_BYTES, `conf is larger than ${MAX_CONF_BYTES} bytes as JSON`),
);

/** A value refused before it reaches a command line. */
export class InvalidCommandInput extends InvalidInput {
  override name = "InvalidCommandInput";
}

export function checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidCommandInput(`${what}: ${result.error.issues[0]?.message ?? "invalid"}`);
  return result.data;
}
