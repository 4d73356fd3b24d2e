import { RecoveryTab } from "./recovery-tab";

type Props = { params: Promise<{ endpointId: string }> };

export default async function EndpointRecoveryPage({ params }: Props) {
  return <RecoveryTab id={(await params).endpointId} />;
}
