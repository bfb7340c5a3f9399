import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import declared from "@/dags/params.json";
import { examples } from "@/dags/tests/param_examples.json";
import { paramAjv, renderValidators } from "./param-ajv";
import { confErrors, dagParams, paramError, paramInput, validationError, type ParamSpec } from "./params";

/** A schema no DAG declares, checked as a declared one is (the generated validators come from the same Ajv). */
const ajv = paramAjv();
const check = (schema: ParamSpec["schema"], value: unknown) => validationError(ajv.compile(schema), "p", value);
const pipeline = Object.fromEntries(dagParams("big_data_pipeline").map((p) => [p.name, p]));

describe("the declared Params of a DAG", () => {
  it("come from dags/params.json, by name", () => {
    expect(dagParams("big_data_pipeline").map((p) => p.name)).toEqual(["run_date", "scale", "seed", "steps"]);
    expect(pipeline.seed).toEqual({ name: "seed", default: 42, description: "Seed of the synthetic data", schema: { minimum: 0, type: "integer" } });
  });

  it("are none for a DAG without params and for a DAG the file does not list", () => {
    expect(dagParams("simple_addition")).toEqual([]);
    expect(dagParams("no_such_dag")).toEqual([]);
    expect(dagParams("constructor")).toEqual([]);
  });
});

describe("checking a value against a param's schema", () => {
  it("accepts what big_data_pipeline's Params accept", () => {
    expect(confErrors(dagParams("big_data_pipeline"), { scale: 0.001, run_date: "2025-03-01", seed: 0, steps: ["generate"] })).toEqual([]);
    expect(confErrors(dagParams("big_data_pipeline"), { scale: null, run_date: null })).toEqual([]);
  });

  it("names the param and says what is wrong", () => {
    expect(paramError(pipeline.scale!, 0)).toBe("scale: must be greater than 0");
    expect(paramError(pipeline.scale!, 101)).toBe("scale: must be at most 100");
    expect(paramError(pipeline.scale!, "0.5")).toBe("scale: must be null or a number");
    expect(paramError(pipeline.seed!, -1)).toBe("seed: must be at least 0");
    expect(paramError(pipeline.seed!, 1.5)).toBe("seed: must be an integer");
    expect(paramError(pipeline.steps!, [])).toBe("steps: must have at least 1 item");
    expect(paramError(pipeline.steps!, ["generate", "generate"])).toBe("steps: must not repeat an item");
    expect(paramError(pipeline.steps!, ["generate", "load"])).toBe('steps[1]: must be one of "generate", "transform", "quality"');
  });

  it("takes a date as YYYY-MM-DD, and only a real one", () => {
    expect(paramError(pipeline.run_date!, "2024-02-29")).toBeNull();
    expect(paramError(pipeline.run_date!, "2025-02-29")).toBe("run_date: must be a date as YYYY-MM-DD");
    expect(paramError(pipeline.run_date!, "2025-3-1")).toBe("run_date: must be a date as YYYY-MM-DD");
    expect(paramError(pipeline.run_date!, "2025-03-01T00:00:00Z")).toBe("run_date: must be a date as YYYY-MM-DD");
  });

  // dags/tests/test_param_examples.py checks the same examples with Airflow's Param.
  it.each(examples.map((e) => [JSON.stringify(e.schema), JSON.stringify(e.value), e]))("agrees with Airflow on %s for %s", (_schema, _value, e) => {
    if (typeof e.valid === "string") expect(() => ajv.compile(e.schema)).toThrow(/schema is invalid/);
    else expect(check(e.schema as ParamSpec["schema"], e.value) === null).toBe(e.valid);
  });

  it("checks the other keywords a data engineer would use", () => {
    expect(check({ type: "string", enum: ["a", "b"] }, "c")).toBe('p: must be one of "a", "b"');
    expect(check({ type: ["null", "string"], enum: [null, "a"] }, null)).toBeNull();
    expect(check({ type: "number", exclusiveMaximum: 1 }, 1)).toBe("p: must be less than 1");
    expect(check({ type: "string", minLength: 2 }, "é")).toBe("p: must be at least 2 characters long");
    expect(check({ type: "string", maxLength: 1 }, "é")).toBeNull();
    expect(check({ type: "string", maxLength: 1 }, "ab")).toBe("p: must be at most 1 character long");
    expect(check({ type: "boolean" }, "true")).toBe("p: must be true or false");
    expect(check({ type: "array", minItems: 2 }, ["a"])).toBe("p: must have at least 2 items");
    expect(check({ type: "array", uniqueItems: true }, [{ a: 1 }, { a: 1 }])).toBe("p: must not repeat an item");
  });

  // Each of these the hand-written subset accepted; Airflow (jsonschema) refuses them.
  it("checks what the old subset let through, as Airflow does", () => {
    expect(check({ type: "string", pattern: "^x" }, "y")).toBe("p: must match ^x");
    expect(check({ type: "array", maxItems: 1 }, ["a", "b"])).toBe("p: must have at most 1 item");
    expect(check({ const: "only" }, "other")).toBe('p: must be "only"');
    expect(check({ type: "integer", multipleOf: 5 }, 7)).toBe("p: must be a multiple of 5");
    expect(check({ type: "array", uniqueItems: true }, [{ a: 1, b: 2 }, { b: 2, a: 1 }])).toBe("p: must not repeat an item");
    expect(check({ type: "object", properties: { n: { type: "integer" } }, required: ["n"] }, {})).toBe('p: must have "n"');
    expect(check({ type: "object", properties: { n: { type: "integer" } } }, { n: "1" })).toBe("p.n: must be an integer");
    expect(check({ type: "object", additionalProperties: false }, { x: 1 })).toBe('p: must not have "x"');
    expect(check({ type: "string", format: "email" }, "nope")).toBe("p: must be a valid email");
    expect(check({ type: "string", format: "date-time" }, "2025-03-01")).toBe("p: must be a valid date-time");
  });

  it("matches what the old subset refused but Airflow accepts", () => {
    // jsonschema compares enum members by value, not by key order.
    expect(check({ enum: [{ a: 1, b: 2 }] }, { b: 2, a: 1 })).toBeNull();
  });

  it("ignores what Airflow's jsonschema ignores: its own keys and formats it has no checker for", () => {
    expect(check({ type: "string", values_display: { a: "A" }, section: "x" }, "b")).toBeNull();
    expect(check({ type: "string", format: "uri" }, "not a uri")).toBeNull();
  });

  it("checks only the declared params of a conf and lists every problem", () => {
    expect(confErrors(dagParams("big_data_pipeline"), { scale: 0, seed: -1, note: "anything" })).toEqual(["scale: must be greater than 0", "seed: must be at least 0"]);
    expect(confErrors(dagParams("simple_addition"), { scale: 0 })).toEqual([]);
  });
});

describe("the input the trigger form shows for a param", () => {
  it("follows the schema", () => {
    expect(Object.fromEntries(Object.entries(pipeline).map(([name, p]) => [name, paramInput(p.schema)]))).toEqual({
      run_date: "date",
      scale: "number",
      seed: "number",
      steps: "checkboxes",
    });
    expect(paramInput({ type: ["null", "string"], enum: [null, "a"] })).toBe("select");
    expect(paramInput({ type: "boolean" })).toBe("checkbox");
    expect(paramInput({ type: "string" })).toBe("text");
    expect(paramInput({ type: "object" })).toBe("json");
    expect(paramInput({ type: "array", items: { type: "integer" } })).toBe("json");
    expect(paramInput({})).toBe("json");
  });
});

describe("the generated validators", () => {
  it("are what scripts/param-validators.ts writes from dags/params.json now", () => {
    expect(readFileSync("lib/pipelines/param-validators.generated.ts", "utf8")).toBe(renderValidators(declared));
  });

  it("are found whatever the order of the schema's keys", () => {
    expect(paramError({ ...pipeline.scale!, schema: { type: ["null", "number"], maximum: 100, exclusiveMinimum: 0 } }, 0)).toBe("scale: must be greater than 0");
  });

  it("do not exist for a schema no DAG declares, and say how to make them", () => {
    expect(() => paramError({ name: "p", default: null, description: null, schema: { type: "string", pattern: "^x" } }, "y")).toThrow(/scripts\/param-validators.ts/);
  });
});
