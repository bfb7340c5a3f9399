import "server-only";
import { databaseUrl as urlOf, isEmbeddedDatabase as embedded, parseEnv, type Env } from "./schema";

/** The validated configuration of this process. Import `env` instead of reading process.env. */
export const env: Env = parseEnv(process.env);

export type { Env };
export { parseEnv };

/** The embedded database unless DATABASE_URL names another. */
export const databaseUrl = (e: Env = env): string => urlOf(e);

export const isEmbeddedDatabase = (e: Env = env): boolean => embedded(e);
