import type { ReactNode } from "react";
import { EndpointShell } from "./endpoint-shell";

type Props = { params: Promise<{ endpointId: string }>; children: ReactNode };

/** One endpoint: its header and tabs stay while the tabs below change (each tab is a sub-route). */
export default async function EndpointLayout({ params, children }: Props) {
  const { endpointId } = await params;
  return <EndpointShell id={endpointId}>{children}</EndpointShell>;
}
