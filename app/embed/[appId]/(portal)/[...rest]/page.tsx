import { notFound } from "next/navigation";

/** A portal path that names no screen: the portal's not-found, inside its chrome. */
export default function UnknownScreen() {
  notFound();
}
