import "server-only";
import { MessageStatus } from "svix";
import type { DeliveryStatus } from "./types-common";

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
