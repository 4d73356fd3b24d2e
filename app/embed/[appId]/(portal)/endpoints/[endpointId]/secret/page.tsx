import { SecretTab } from "./secret-tab";

type Props = { params: Promise<{ endpointId: string }> };

export default async function EndpointSecretPage({ params }: Props) {
  return <SecretTab id={(await params).endpointId} />;
}
