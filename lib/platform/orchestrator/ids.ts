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

export const confSchema = z
  .record(z.string().max(100), z.unknown())
  .refine((conf) => Buffer.byteLength(JSON.stringify(conf)) <= MAX_CONF_BYTES, `conf is larger than ${MAX_CONF_BYTES} bytes as JSON`);

/** A value refused before it reaches a command line. */
export class InvalidCommandInput extends InvalidInput {
  override name = "InvalidCommandInput";
}

export function checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidCommandInput(`${what}: ${result.error.issues[0]?.message ?? "invalid"}`);
  return result.data;
}
