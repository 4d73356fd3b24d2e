import { SettingsScreen } from "./settings-screen";

/** The endpoint's Settings tab; the endpoint page's layout around it carries the title and tabs. */
export default async function EndpointSettingsPage({ params }: { params: Promise<{ endpointId: string }> }) {
  const { endpointId } = await params;
  return <SettingsScreen endpointId={decodeURIComponent(endpointId)} />;
}
