import { Suspense } from "react";
import { MessageRowsSkeleton } from "./message-row";
import { MessagesScreen } from "./messages-screen";

/** The delivery log. The view lives in the URL, read on the client (useSearchParams needs the boundary). */
export default function MessagesPage() {
  return (
    <Suspense
      fallback={
        <div aria-busy="true">
          <MessageRowsSkeleton />
        </div>
      }
    >
      <MessagesScreen />
    </Suspense>
  );
}
