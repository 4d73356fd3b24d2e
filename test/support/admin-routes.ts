import { GET as getAudit } from "@/app/api/admin/apps/[appId]/audit/route";
import { GET as getAppBranding, PUT as putAppBranding } from "@/app/api/admin/apps/[appId]/branding/route";
import { GET as getAppLimits, PUT as putAppLimits } from "@/app/api/admin/apps/[appId]/limits/route";
import { GET as getAppOrigins, PUT as putAppOrigins } from "@/app/api/admin/apps/[appId]/embed-origins/route";
import { DELETE as deleteMember, PUT as putMember } from "@/app/api/admin/apps/[appId]/members/[email]/route";
import { GET as listMembers } from "@/app/api/admin/apps/[appId]/members/route";
import { POST as revokeSessions } from "@/app/api/admin/apps/[appId]/sessions/revoke/route";
import { GET as getOrgBranding, PUT as putOrgBranding } from "@/app/api/admin/branding/route";
import { GET as getOrgOrigins, PUT as putOrgOrigins } from "@/app/api/admin/embed-origins/route";

/** Any admin handler; the route's own params type narrows what it reads. */
export type AdminHandler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

export type AdminRoute = {
  name: string;
  method: "GET" | "PUT" | "POST" | "DELETE";
  handler: AdminHandler;
  /** "app": under /api/admin/apps/{appId}; "org": org-wide. */
  scope: "app" | "org";
  mutates: boolean;
  params(appId: string): Record<string, string>;
  path(appId: string): string;
  body?: unknown;
};

const MEMBER = "someone@example.com";

/** Every admin route, with a valid request for each: the scoping matrix walks this table. */
export const ADMIN_ROUTES: AdminRoute[] = [
  app("GET", "members", listMembers, false),
  app("PUT", `members/${MEMBER}`, putMember, true, { capabilities: ["ViewBase"] }, { email: MEMBER }),
  app("DELETE", `members/${MEMBER}`, deleteMember, true, undefined, { email: MEMBER }),
  app("GET", "embed-origins", getAppOrigins, false),
  app("PUT", "embed-origins", putAppOrigins, true, { origins: ["https://attacker.example"] }),
  app("GET", "branding", getAppBranding, false),
  app("PUT", "branding", putAppBranding, true, { name: "Hijacked" }),
  app("GET", "limits", getAppLimits, false),
  app("PUT", "limits", putAppLimits, true, { maxEndpoints: 1, maxBulkTasks: 1 }),
  app("POST", "sessions/revoke", revokeSessions, true, {}),
  app("GET", "audit", getAudit, false),
  org("GET", "branding", getOrgBranding, false),
  org("PUT", "branding", putOrgBranding, true, { primaryColor: "#123456" }),
  org("GET", "embed-origins", getOrgOrigins, false),
  org("PUT", "embed-origins", putOrgOrigins, true, { origins: ["https://org.example"] }),
];

function app(
  method: AdminRoute["method"],
  sub: string,
  handler: AdminHandler,
  mutates: boolean,
  body?: unknown,
  extra: Record<string, string> = {},
): AdminRoute {
  return {
    name: `${method} /api/admin/apps/{appId}/${sub}`,
    method,
    handler,
    scope: "app",
    mutates,
    body,
    params: (appId) => ({ appId, ...extra }),
    path: (appId) => `/api/admin/apps/${appId}/${sub}`,
  };
}

function org(method: AdminRoute["method"], sub: string, handler: AdminHandler, mutates: boolean, body?: unknown): AdminRoute {
  return {
    name: `${method} /api/admin/${sub}`,
    method,
    handler,
    scope: "org",
    mutates,
    body,
    params: () => ({}),
    path: () => `/api/admin/${sub}`,
  };
}
