import { withOrgApp } from "@/lib/admin/with-org-token";
import { putMember, removeMember } from "@/lib/admin/members";
import { readBody, validate } from "@/lib/http/errors";
import { grantedCapabilities } from "@/lib/session/capabilities";
import { memberParams, putMemberBody } from "./schema";

type Params = { appId: string; email: string };

/** Registers an email for magic-link login to this app (or replaces its capabilities). */
export const PUT = withOrgApp<Params>(async ({ req, params, app, rt, audit }) => {
  const { email } = validate(memberParams, { email: params.email });
  const { capabilities } = validate(putMemberBody, await readBody(req, 16 * 1024));
  const granted = capabilities ? grantedCapabilities(capabilities) : null;
  const { member, created } = await putMember(rt, app.id, email, granted);
  await audit(app.id, "admin.member.put", email, { capabilities: granted, created });
  return Response.json(member, { status: created ? 201 : 200 });
});

/** Removes the member; its magic-link sessions for this app end at once. */
export const DELETE = withOrgApp<Params>(async ({ params, app, rt, audit }) => {
  const { email } = validate(memberParams, { email: params.email });
  const result = await removeMember(rt, app.id, email);
  await audit(app.id, "admin.member.delete", email, result);
  return Response.json(result);
});
