import "server-only";
import { applicationRoutes } from "./applications";
import { attemptRoutes } from "./attempts";
import { authRoutes } from "./auth";
import { endpointActionRoutes } from "./endpoint-actions";
import { endpointHeaderRoutes } from "./endpoint-headers";
import { endpointSecretRoutes } from "./endpoint-secrets";
import { endpointRoutes } from "./endpoints";
import { eventTypeRoutes } from "./event-types";
import { messageRoutes } from "./messages";
import { createRouter } from "./router";

/** The Svix API under /api/v1: `(request, core) → response`, the same function Next.js and tests serve. */
export const handleCoreRequest = createRouter([
  ...applicationRoutes,
  ...endpointRoutes,
  ...endpointSecretRoutes,
  ...endpointHeaderRoutes,
  ...endpointActionRoutes,
  ...messageRoutes,
  ...attemptRoutes,
  ...eventTypeRoutes,
  ...authRoutes,
]);
