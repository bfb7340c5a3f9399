import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { defineRoute } from "../handler";
import { list } from "./lists";

const personId = z.object({ id: z.string().regex(/^[a-z0-9]{1,64}$/, "not a person this API returned") });

export const PersonJson = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(ROLES).nullable().describe("The role in effect; null: signed in through the IdP but in no mapped group (no access)"),
    source: z.enum(["override", "idp", "local"]).describe("Where the role comes from: an admin's manual override, the IdP's groups at the last sign-in, or a local account"),
    boundToIdp: z.boolean().describe("Signed in through the IdP; only such a person's manual role can be removed"),
    idpRole: z.enum(ROLES).nullable().describe("What the IdP's groups mapped to at the last sign-in"),
    overrideReason: z.string().nullable(),
    lastSignInAt: z.iso.datetime().nullable(),
    disabled: z.boolean(),
  })
  .meta({ id: "Person" });

export const listPeopleRoute = defineRoute({
  method: "get",
  path: "/api/people",
  summary: "Everyone who has signed in or has a local account: role, where it comes from, last sign-in, disabled",
  tag: "people",
  access: "admin",
  response: list("PeopleList", PersonJson, {}),
});

export const setPersonAccess = defineRoute({
  method: "post",
  path: "/api/people/{id}/access",
  summary: "Disable or enable a person. Either way their open sessions end at their next request. Disabling yourself, or the last enabled admin, is a 409",
  tag: "people",
  access: "admin",
  params: personId,
  body: z.object({ disabled: z.boolean() }).strict(),
  errors: ["not_found", "conflict"],
  response: PersonJson,
  audit: ({ params, body }) => ({ action: body.disabled ? "person.disable" : "person.enable", target: params.id }),
});

export const setPersonRole = defineRoute({
  method: "post",
  path: "/api/people/{id}/role",
  summary:
    "Set a manual role that wins over the IdP's groups, with the reason for it; role null removes the override and the IdP's role applies again. Leaving no enabled admin is a 409",
  tag: "people",
  access: "admin",
  params: personId,
  body: z
    .object({
      role: z.enum(ROLES).nullable(),
      reason: z.string().trim().min(3, "say why, in at least 3 characters").max(500),
    })
    .strict(),
  errors: ["not_found", "conflict"],
  response: PersonJson,
  audit: ({ params, body }) => ({ action: body.role ? "person.role_override" : "person.role_override_clear", target: params.id }),
});
