import { describe, expect, it } from "vitest";

import { formatDateTime, formatIsoDate, formatMonthYear } from "../../app/utils/format";

describe("dates in words", () => {
  it("read as people in England write them, in UK time, with formatters made once", () => {
    expect(formatIsoDate("2026-11-22")).toBe("22 November 2026");
    // 10:42 UTC in November is 10:42 in London; in July it is 11:42.
    expect(formatDateTime(Date.UTC(2026, 10, 22, 10, 42))).toBe("22 November 2026 at 10:42");
    expect(formatDateTime(Date.UTC(2026, 6, 1, 10, 42))).toBe("1 July 2026 at 11:42");
    // Just before midnight UTC in summer is already the next day in London.
    expect(formatDateTime(Date.UTC(2026, 5, 30, 23, 30))).toBe("1 July 2026 at 00:30");
    expect(formatMonthYear("2027-03")).toBe("March 2027");
    expect(formatMonthYear("not a month")).toBe("not a month");
    // The same answers whatever the order of calls (nothing is carried between them).
    expect([formatMonthYear("2027-01"), formatIsoDate("2027-01-05"), formatMonthYear("2027-12")]).toEqual(["January 2027", "5 January 2027", "December 2027"]);
  });
});
