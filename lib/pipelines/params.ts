import declared from "@/dags/params.json";

// The DAGs' declared Params, from dags/params.json: generated from the DAG code of this same
// repository version (scripts/dag-params.py), since no Airflow CLI command MWAA accepts prints
// them and a page view never calls Airflow. The checks below cover the JSON-schema keywords the
// DAGs use; Airflow validates the whole schema again on trigger, so other keywords are left to it.

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

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}

export function allowsNull(schema: ParamSchema): boolean {
  return schema.type === "null" || (Array.isArray(schema.type) && schema.type.includes("null"));
}

// JSON equality for enum and uniqueItems: the values come from JSON, so their text compares.
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function isDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const show = (value: unknown) => JSON.stringify(value);
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** What is wrong with `value` under `schema`, as "<path>: <problem>", or null. */
function problem(schema: ParamSchema, value: unknown, path: string): string | null {
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length > 0 && !types.some((type) => hasType(value, type))) {
    return `${path}: must be ${types.map((type) => TYPE_NAMES[type] ?? type).join(" or ")}`;
  }
  if (schema.enum && !schema.enum.some((option) => same(option, value))) {
    return `${path}: must be one of ${schema.enum.map(show).join(", ")}`;
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) return `${path}: must be at least ${schema.minimum}`;
    if (schema.maximum !== undefined && value > schema.maximum) return `${path}: must be at most ${schema.maximum}`;
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return `${path}: must be greater than ${schema.exclusiveMinimum}`;
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return `${path}: must be less than ${schema.exclusiveMaximum}`;
  }
  if (typeof value === "string") {
    // JSON schema counts characters, not UTF-16 units.
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) return `${path}: must be at least ${count(schema.minLength, "character")} long`;
    if (schema.maxLength !== undefined && length > schema.maxLength) return `${path}: must be at most ${count(schema.maxLength, "character")} long`;
    if (schema.format === "date" && !isDate(value)) return `${path}: must be a date as YYYY-MM-DD`;
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return `${path}: must have at least ${count(schema.minItems, "item")}`;
    if (schema.uniqueItems && value.some((item, i) => value.findIndex((other) => same(other, item)) !== i)) {
      return `${path}: must not repeat an item`;
    }
    if (schema.items) {
      for (const [i, item] of value.entries()) {
        const found = problem(schema.items, item, `${path}[${i}]`);
        if (found) return found;
      }
    }
  }
  return null;
}

/** What is wrong with a value given for the param, e.g. "scale: must be greater than 0", or null. */
export function paramError(param: ParamSpec, value: unknown): string | null {
  return problem(param.schema, value, param.name);
}

/** The problems of a conf under the declared Params. Keys that are not params are Airflow's to allow. */
export function confErrors(params: ParamSpec[], conf: Record<string, unknown>): string[] {
  return params.flatMap((param) => (Object.hasOwn(conf, param.name) ? [paramError(param, conf[param.name])] : [])).filter((e) => e !== null);
}
