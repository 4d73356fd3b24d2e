import { MessageScreen } from "./message-screen";

type Props = { params: Promise<{ messageId: string }> };

export default async function MessagePage({ params }: Props) {
  const { messageId } = await params;
  return <MessageScreen messageId={messageId} />;
}
