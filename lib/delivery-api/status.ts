import "server-only";
import { MessageStatus } from "svix";
import type { DeliveryStatus } from "./types-common";
import type { LogState } from "./types-messages";

/** Svix's MessageStatus numbers by name. Pending (1) is legacy; canceled (4) is Svix Cloud's. */
const BY_CODE: Record<number, DeliveryStatus> = {
  [MessageStatus.Success]: "success",
  [MessageStatus.Pending]: "pending",
  [MessageStatus.Fail]: "fail",
  [MessageStatus.Sending]: "sending",
  [MessageStatus.Canceled]: "canceled",
};

const BY_NAME: Record<DeliveryStatus, number> = { success: 0, pending: 1, fail: 2, sending: 3, canceled: 4 };

/** The one map from upstream status to ours; an unknown number falls back to its text, then "fail". */
export function deliveryStatus(code: number, text?: string): DeliveryStatus {
  return BY_CODE[code] ?? Object.values(BY_CODE).find((s) => s === text) ?? "fail";
}

/** Our status name as the SDK's filter value. */
export function messageStatus(status: DeliveryStatus): MessageStatus {
  return BY_NAME[status] as MessageStatus;
}

/**
 * A message's state over its destinations: the worst of theirs, "none" when it went nowhere.
 * Svix's per-destination states cannot tell a retry from a first send, so never "retrying".
 */
export function worstOf(states: DeliveryStatus[]): Exclude<LogState, "retrying"> {
  if (states.length === 0) return "none";
  if (states.some((s) => s === "fail" || s === "canceled")) return "fail";
  if (states.some((s) => s === "sending" || s === "pending")) return "sending";
  return "success";
}
