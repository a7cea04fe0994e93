import { createHash, randomBytes } from "node:crypto";

/** 160 bits of randomness, URL-safe. Used for session, invitation and reset tokens. */
export function newToken(): string {
  return randomBytes(20).toString("base64url");
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function newId(): string {
  return randomBytes(12).toString("base64url");
}
