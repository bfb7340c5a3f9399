import type { ErrorObject, ValidateFunction } from "ajv";
import declared from "@/dags/params.json";
import { validators } from "./param-validators.generated";
import { schemaKey } from "./schema-key";
import { InvalidInput } from "@/lib/platform/errors";

// The form checks the size the API enforces, before sending (the port owns the limit).
import { MAX_CONF_BYTES } from "@/lib/platform/orchestrator/ids";
export { MAX_CONF_BYTES };

// The DAGs' declared Params, from dags/params.json: generated from the DAG code of this same
// repository version (scripts/dag-params.py), since no Airflow CLI command MWAA accepts prints
// them and a page view never calls Airflow. A value is checked as Airflow checks it (JSON Schema
// 2020-12 with formats, lib/pipelines/param-ajv.ts), by validators generated from the same file.

export type ParamSchema = {
  type?: string | string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  format?: string;
  minLength?: number;
  maxLength?: number;
  items?: ParamSchema;
  minItems?: number;
  uniqueItems?: boolean;
  /** Any other JSON Schema keyword (or Airflow's own, which validation ignores). */
  [keyword: string]: unknown;
};

export type ParamSpec = { name: string; default: unknown; description: string | null; schema: ParamSchema };

const DECLARED: Record<string, Record<string, Omit<ParamSpec, "name">>> = declared;

/** The DAG's declared Params in name order; none for a DAG the file does not list. */
export function dagParams(dagId: string): ParamSpec[] {
  const params = Object.hasOwn(DECLARED, dagId) ? DECLARED[dagId]! : {};
  return Object.keys(params)
    .sort()
    .map((name) => ({ name, ...params[name]! }));
}

/** The input the trigger form shows for a param; "json" (a JSON text) for any schema the others do not fit. */
export type ParamInput = "select" | "checkbox" | "number" | "date" | "checkboxes" | "text" | "json";

export function paramInput(schema: ParamSchema): ParamInput {
  if (schema.enum) return "select";
  const types = [schema.type ?? []].flat().filter((type) => type !== "null");
  if (types.length !== 1) return "json";
  switch (types[0]) {
    case "boolean":
      return "checkbox";
    case "integer":
    case "number":
      return "number";
    case "string":
      return schema.format === "date" ? "date" : "text";
    case "array":
      return schema.items?.type === "string" && schema.items.enum ? "checkboxes" : "json";
    default:
      return "json";
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "true or false",
  null: "null",
  array: "a list",
  object: "an object",
};

export function allowsNull(schema: ParamSchema): boolean {
  return schema.type === "null" || (Array.isArray(schema.type) && schema.type.includes("null"));
}

const show = (value: unknown) => JSON.stringify(value);
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
const LIMITS: Record<string, string> = { minimum: "at least", maximum: "at most", exclusiveMinimum: "greater than", exclusiveMaximum: "less than" };

/** A JSON pointer as the trigger form names a place: /1/name → [1].name */
const place = (pointer: string) =>
  pointer
    .split("/")
    .slice(1)
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join("");

/** Ajv's first error in the words the trigger form shows. */
function describe(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "type":
      return `must be ${[p.type].flat().map((type) => TYPE_NAMES[type as string] ?? type).join(" or ")}`;
    case "enum":
      return `must be one of ${(p.allowedValues as unknown[]).map(show).join(", ")}`;
    case "const":
      return `must be ${show(p.allowedValue)}`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `must be ${LIMITS[error.keyword]} ${p.limit}`;
    case "multipleOf":
      return `must be a multiple of ${p.multipleOf}`;
    case "minLength":
      return `must be at least ${count(p.limit as number, "character")} long`;
    case "maxLength":
      return `must be at most ${count(p.limit as number, "character")} long`;
    case "pattern":
      return `must match ${p.pattern}`;
    case "format":
      return p.format === "date" ? "must be a date as YYYY-MM-DD" : `must be a valid ${p.format}`;
    case "minItems":
      return `must have at least ${count(p.limit as number, "item")}`;
    case "maxItems":
      return `must have at most ${count(p.limit as number, "item")}`;
    case "uniqueItems":
      return "must not repeat an item";
    case "required":
      return `must have ${show(p.missingProperty)}`;
    case "additionalProperties":
      return `must not have ${show(p.additionalProperty)}`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}

/** What is wrong with `value` by `validate`, as "<name><place>: <problem>", or null. */
export function validationError(validate: ValidateFunction, name: string, value: unknown): string | null {
  if (validate(value)) return null;
  const error = validate.errors?.[0];
  return error ? `${name}${place(error.instancePath)}: ${describe(error)}` : `${name}: is not valid`;
}

/** What is wrong with a value given for the param, e.g. "scale: must be greater than 0", or null. */
export function paramError(param: ParamSpec, value: unknown): string | null {
  const validate = validators[schemaKey(param.schema)];
  if (!validate) throw new Error(`no validator for the schema of param ${param.name}: run npx tsx scripts/param-validators.ts`);
  return validationError(validate, param.name, value);
}

/** The problems of a conf under the declared Params. Keys that are not params are Airflow's to allow. */
export function confErrors(params: ParamSpec[], conf: Record<string, unknown>): string[] {
  return params.flatMap((param) => (Object.hasOwn(conf, param.name) ? [paramError(param, conf[param.name])] : [])).filter((e) => e !== null);
}

/** Refuses a conf the DAG's declared Params refuse (400), before anything is recorded, sent or estimated. */
export function assertConfFits(dagId: string, conf: Record<string, unknown>): void {
  const problems = confErrors(dagParams(dagId), conf);
  if (problems.length > 0) throw new InvalidInput(`The conf does not fit the DAG's Params: ${problems.join("; ")}.`);
}

/** A conf handed over in a page's query ("run again with the same conf"): a JSON object within the size limit, else none. */
export function confFromQuery(text: string | undefined): Record<string, unknown> | undefined {
  if (!text || new TextEncoder().encode(text).length > MAX_CONF_BYTES) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
