import { OverviewTab } from "./overview-tab";

type Props = { params: Promise<{ endpointId: string }> };

export default async function EndpointOverviewPage({ params }: Props) {
  return <OverviewTab id={(await params).endpointId} />;
}
