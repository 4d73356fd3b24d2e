import { NewEndpointScreen } from "./new-endpoint-screen";

export default function NewEndpointPage() {
  return <NewEndpointScreen />;
}
