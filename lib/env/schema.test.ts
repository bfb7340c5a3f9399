import { describe, expect, it, vi } from "vitest";
import { databaseUrl, parseEnv, serverStartProblems } from "./schema";

describe("configuration", () => {
  it("runs the local estate with no variables at all", () => {
    const env = parseEnv({});
    expect(env.PLATFORM_MODE).toBe("local");
    expect(env.PORT).toBe(3000);
    expect(env.LAKE_BUCKETS).toEqual(["builditall-lake"]);
    expect(databaseUrl(env)).toBe("postgresql://postgres:postgres@127.0.0.1:5433/postgres?sslmode=disable");
  });

  it("refuses to start in production without the IdP and names each missing variable", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrowError(
      /NEXTAUTH_SECRET is required in production[\s\S]*OIDC_ISSUER is required in production[\s\S]*DATABASE_URL is required/,
    );
  });

  it("needs the region and the MWAA environment in aws mode", () => {
    expect(() => parseEnv({ PLATFORM_MODE: "aws" })).toThrowError(/AWS_REGION is required when PLATFORM_MODE=aws/);
    expect(() => parseEnv({ PLATFORM_MODE: "aws", AWS_REGION: "eu-west-1" })).toThrowError(/MWAA_ENVIRONMENT is required when PLATFORM_MODE=aws/);
    const aws = parseEnv({ PLATFORM_MODE: "aws", AWS_REGION: "eu-west-1", MWAA_ENVIRONMENT: "prod" });
    if (aws.PLATFORM_MODE !== "aws") throw new Error("parsed as local mode");
    const region: string = aws.AWS_REGION; // narrowed on the mode: a string, no `!`
    expect(region).toBe("eu-west-1");
  });

  it("says what is wrong with a value", () => {
    expect(() => parseEnv({ PLATFORM_MODE: "cloud" })).toThrowError(/PLATFORM_MODE/);
    expect(() => parseEnv({ PORT: "http" })).toThrowError(/PORT/);
    expect(() => parseEnv({ AWS_REGION: "Ireland" })).toThrowError(/AWS_REGION must look like eu-west-1/);
    expect(() => parseEnv({ NEXTAUTH_SECRET: "short" })).toThrowError(/at least 32 characters/);
  });

  it("reads the IdP's group → role mapping, and says which entry is wrong", () => {
    const env = parseEnv({ OIDC_ROLE_MAP: "data-engineers=engineer, platform-admins = admin,", OIDC_DEFAULT_ROLE: "viewer" });
    expect(env.OIDC_ROLE_MAP).toEqual({ "data-engineers": "engineer", "platform-admins": "admin" });
    expect(env.OIDC_GROUPS_CLAIM).toBe("cognito:groups");
    expect(env.OIDC_DEFAULT_ROLE).toBe("viewer");
    expect(() => parseEnv({ OIDC_ROLE_MAP: "a=root" })).toThrowError(/"root" is not a role/);
    expect(() => parseEnv({ OIDC_ROLE_MAP: "engineers" })).toThrowError(/"engineers" is not group=role/);
    expect(() => parseEnv({ OIDC_ROLE_MAP: "a=viewer,a=admin" })).toThrowError(/group "a" is mapped twice/);
    expect(() => parseEnv({ OIDC_DEFAULT_ROLE: "owner" })).toThrowError(/OIDC_DEFAULT_ROLE/);
    expect(() => parseEnv({ OIDC_GROUPS_CLAIM: "groups claim" })).toThrowError(/OIDC_GROUPS_CLAIM/);
  });

  it("splits the bucket list", () => {
    expect(parseEnv({ LAKE_BUCKETS: "raw-lake, curated-lake ,," }).LAKE_BUCKETS).toEqual(["raw-lake", "curated-lake"]);
  });
});

describe("starting the server", () => {
  it("refuses to start without NEXTAUTH_SECRET in every mode, production or not", () => {
    expect(serverStartProblems(parseEnv({}))).toEqual([expect.stringMatching(/NEXTAUTH_SECRET is required/)]);
    expect(serverStartProblems(parseEnv({ NODE_ENV: "test" }))).toHaveLength(1);
    expect(serverStartProblems(parseEnv({ PLATFORM_MODE: "aws", AWS_REGION: "eu-west-1", MWAA_ENVIRONMENT: "prod" }))).toHaveLength(1);
    expect(serverStartProblems(parseEnv({ NEXTAUTH_SECRET: "x".repeat(40) }))).toEqual([]);
  });

  it("throws from register(), so `next start` stops instead of signing sessions with a derived secret", async () => {
    const saved = { ...process.env };
    try {
      delete process.env.NEXTAUTH_SECRET;
      process.env.NEXT_RUNTIME = "nodejs";
      vi.resetModules();
      const { register } = await import("@/instrumentation");
      await expect(register()).rejects.toThrow(/NEXTAUTH_SECRET is required/);
    } finally {
      process.env = saved;
    }
  });
});
