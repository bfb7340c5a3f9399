import { describe, expect, it } from "vitest";
import { confErrors, dagParams, paramError, paramInput, type ParamSpec } from "./params";

const param = (schema: ParamSpec["schema"], name = "p"): ParamSpec => ({ name, default: null, description: null, schema });
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

  it("checks the other keywords a data engineer would use", () => {
    expect(paramError(param({ type: "string", enum: ["a", "b"] }), "c")).toBe('p: must be one of "a", "b"');
    expect(paramError(param({ type: ["null", "string"], enum: [null, "a"] }), null)).toBeNull();
    expect(paramError(param({ type: "number", exclusiveMaximum: 1 }), 1)).toBe("p: must be less than 1");
    expect(paramError(param({ type: "string", minLength: 2 }), "é")).toBe("p: must be at least 2 characters long");
    expect(paramError(param({ type: "string", maxLength: 1 }), "é")).toBeNull();
    expect(paramError(param({ type: "string", maxLength: 1 }), "ab")).toBe("p: must be at most 1 character long");
    expect(paramError(param({ type: "boolean" }), "true")).toBe("p: must be true or false");
    expect(paramError(param({ type: "array", minItems: 2 }), ["a"])).toBe("p: must have at least 2 items");
    expect(paramError(param({ type: "array", uniqueItems: true }), [{ a: 1 }, { a: 1 }])).toBe("p: must not repeat an item");
  });

  it("leaves keywords it does not know to Airflow", () => {
    expect(paramError(param({ type: "string", pattern: "^x" } as ParamSpec["schema"]), "y")).toBeNull();
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
