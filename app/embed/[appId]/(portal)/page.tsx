import { EndpointsScreen } from "./endpoints/endpoints-screen";

/** A portal link opens on the application's endpoints. */
export default function PortalHome() {
  return <EndpointsScreen />;
}
