import { describe, expect, it } from "vitest";

import { base32Decode, base32Encode, hotp, matchTotp, otpauthUrl, totp } from "../../app/two-step/totp.server";
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes } from "../../app/two-step/recovery-codes.server";
import { mustSetUpNow, twoStepState, COORDINATOR_GRACE_DAYS } from "../../app/two-step/policy";

// The shared secret of RFC 4226 appendix D and RFC 6238 appendix B (SHA-1).
const RFC_KEY = Buffer.from("12345678901234567890", "ascii");
const RFC_SECRET = base32Encode(RFC_KEY);

describe("one-time codes", () => {
  it("match RFC 4226's HOTP test values", () => {
    const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
    expect(expected.map((_, counter) => hotp(RFC_KEY, counter))).toEqual(expected);
  });

  it("match RFC 6238's TOTP test values (SHA-1, 8 digits)", () => {
    const vectors: Array<[number, string]> = [
      [59, "94287082"],
      [1111111109, "07081804"],
      [1111111111, "14050471"],
      [1234567890, "89005924"],
      [2000000000, "69279037"],
      [20000000000, "65353130"],
    ];
    for (const [seconds, code] of vectors) expect(totp(RFC_SECRET, seconds * 1000, 8)).toBe(code);
  });

  it("base32 round-trips, as apps read the secret", () => {
    expect(RFC_SECRET).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Decode(RFC_SECRET.toLowerCase().replace(/(.{4})/g, "$1 "))).toEqual(RFC_KEY);
  });

  it("accepts a code from the step before or after, not two away, and never a used step again", () => {
    const at = 1_800_000_000_000;
    const current = totp(RFC_SECRET, at);
    expect(matchTotp(RFC_SECRET, current, at, null)).toBe(Math.floor(at / 30_000));
    expect(matchTotp(RFC_SECRET, totp(RFC_SECRET, at - 30_000), at, null)).not.toBeNull();
    expect(matchTotp(RFC_SECRET, totp(RFC_SECRET, at + 30_000), at, null)).not.toBeNull();
    expect(matchTotp(RFC_SECRET, totp(RFC_SECRET, at - 60_000), at, null)).toBeNull();
    // Once used, that step (and earlier ones) is refused.
    expect(matchTotp(RFC_SECRET, current, at, Math.floor(at / 30_000))).toBeNull();
    expect(matchTotp(RFC_SECRET, "12345", at, null)).toBeNull();
    expect(matchTotp(RFC_SECRET, "abcdef", at, null)).toBeNull();
  });

  it("puts the issuer, account and secret in the address the QR code carries", () => {
    const url = new URL(otpauthUrl("SLI Peer Challenge", "a@b.example", RFC_SECRET));
    expect(url.protocol).toBe("otpauth:");
    expect(url.host).toBe("totp");
    expect(decodeURIComponent(url.pathname)).toBe("/SLI Peer Challenge:a@b.example");
    expect(url.searchParams.get("secret")).toBe(RFC_SECRET);
    expect(url.searchParams.get("issuer")).toBe("SLI Peer Challenge");
  });
});

describe("recovery codes", () => {
  it("are ten different codes, compared without regard to case, spaces or the hyphen", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const [first] = codes;
    expect(hashRecoveryCode(first!.toUpperCase().replace("-", " "))).toBe(hashRecoveryCode(first!));
    expect(looksLikeRecoveryCode("123456")).toBe(false);
  });
});

describe("who must use two-step sign-in", () => {
  it("is a coordinator without it, from a fortnight after becoming coordinator", () => {
    const since = Date.UTC(2026, 10, 1);
    const state = twoStepState(null, since);
    expect(state.requiredBy).toBe(since + COORDINATOR_GRACE_DAYS * 86_400_000);
    expect(mustSetUpNow(state, since + 13 * 86_400_000)).toBe(false);
    expect(mustSetUpNow(state, since + 14 * 86_400_000)).toBe(true);
    expect(twoStepState(since, since).requiredBy).toBeNull();
    expect(twoStepState(null, null)).toEqual({ enabled: false, requiredBy: null });
  });
});
