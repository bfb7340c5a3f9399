import { describe, expect, it } from "vitest";
import estate from "./estate.json";
import { ESTATE_ENVIRONMENTS, estateBudgetUsd, fixedEstate } from "./estate";

describe("the always-on estate the dashboards estimate", () => {
  it.each(ESTATE_ENVIRONMENTS)("%s: every fixed line of infra's estimate falls under a service, none lost", (env) => {
    const services = fixedEstate(env);
    const monthly = [...services.values()].reduce((a, s) => a + s.usdPerHour, 0) * estate.hoursPerMonth;
    expect(monthly).toBeCloseTo(estate.envs[env].fixedUsdPerMonth, 6);
    expect([...services.keys()].sort()).toEqual(["mwaa", "network", "portal", "rds"]);
  });

  it("describes the mix phase A set: dev on mw1.micro with one NAT gateway, prod on mw1.small with two and a Multi-AZ database", () => {
    expect(fixedEstate("dev").get("mwaa")!.items).toEqual(["MWAA mw1.micro"]);
    expect(fixedEstate("dev").get("network")!.items).toContain("1 NAT gateway(s)");
    expect(fixedEstate("prod").get("mwaa")!.items).toEqual(["MWAA mw1.small"]);
    expect(fixedEstate("prod").get("network")!.items).toContain("2 NAT gateway(s)");
    expect(fixedEstate("prod").get("rds")!.items).toContain("RDS db.t4g.small Multi-AZ");
    expect(estateBudgetUsd("dev")).toBe(700);
  });
});
