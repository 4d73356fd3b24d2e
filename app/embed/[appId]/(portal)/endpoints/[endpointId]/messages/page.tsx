import { MessagesTab } from "./messages-tab";

type Props = { params: Promise<{ endpointId: string }> };

export default async function EndpointMessagesPage({ params }: Props) {
  return <MessagesTab id={(await params).endpointId} />;
}
