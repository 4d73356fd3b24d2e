export type { Page } from "@/lib/http/page";

/** A delivery's state at one endpoint after its latest attempt (Svix's MessageStatus, by name). */
export type DeliveryStatus = "success" | "pending" | "fail" | "sending" | "canceled";
