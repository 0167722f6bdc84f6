import { createHash } from "node:crypto";
import type { EndpointName } from "./routes/types.ts";

export type LogEntry = {
  seq: number;
  at: number;
  completedAt: number;
  method: string;
  path: string;
  endpoint: EndpointName | null;
  /** sha256 prefix of the API key: the raw key never reaches the log. */
  key: string | null;
  cost: number;
  admitted: boolean;
  status: number;
  balanceBefore: number | null;
  balanceAfter: number | null;
  fault: "fail" | "timeout" | "drop" | null;
  /** ASINs or codes asked for (/product), so a benchmark can split screening from verification. */
  items: number;
  /** Whether `offers` was requested. */
  offers: boolean;
};

export function hashKey(key: string): string {
  return "sha256:" + createHash("sha256").update(key).digest("hex").slice(0, 16);
}
