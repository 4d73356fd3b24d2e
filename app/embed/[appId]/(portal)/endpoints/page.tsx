import { EndpointsScreen } from "./endpoints-screen";

export default function EndpointsPage() {
  return <EndpointsScreen />;
}
