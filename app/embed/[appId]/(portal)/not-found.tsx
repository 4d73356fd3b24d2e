import { NotFoundState } from "@/components/portal/query-error";

export default function PortalNotFound() {
  return <NotFoundState />;
}
