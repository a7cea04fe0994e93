import { randomInt } from "node:crypto";

import { sha256Hex } from "../utils/crypto.server";

export const RECOVERY_CODE_COUNT = 10;
/** Letters and digits that cannot be mistaken for one another when read off paper. */
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Ten new one-time recovery codes, like `k7m2q-x9pra` (about 49 bits each). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** How a typed recovery code is compared: case, spaces and the hyphen do not matter. */
export function normaliseRecoveryCode(typed: string): string {
  const chars = typed.toLowerCase().replace(/[\s-]/g, "");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export function hashRecoveryCode(code: string): string {
  return sha256Hex(normaliseRecoveryCode(code));
}

export function looksLikeRecoveryCode(typed: string): boolean {
  return /^[a-z0-9]{10}$/.test(typed.toLowerCase().replace(/[\s-]/g, ""));
}
