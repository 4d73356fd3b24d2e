import { Skeleton } from "@/components/ui/skeleton";

/** Between screens: the shape of a list while the next screen's code arrives. */
export default function PortalLoading() {
  return (
    <div className="grid gap-4" aria-busy="true">
      <Skeleton className="h-7 w-48" />
      <Skeleton className="h-64 w-full rounded-lg" />
    </div>
  );
}
