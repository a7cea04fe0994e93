import { describe, expect, it } from "vitest";

import { heavyWork } from "../../app/utils/heavy-work.server";

describe("heavy work (Word documents)", () => {
  it("runs one at a time, in the order asked, and a failure frees its turn", async () => {
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const job = (n: number, fail = false) =>
      heavyWork(async () => {
        running++;
        most = Math.max(most, running);
        order.push(n);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        if (fail) throw new Error(`job ${n} failed`);
        return n;
      });
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, n) => job(n, n === 3)));
    expect(most).toBe(1);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(results.filter((r) => r.status === "fulfilled").map((r) => (r as PromiseFulfilledResult<number>).value)).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9]);
    expect(results[3]!.status).toBe("rejected");
    // Nothing is left holding a turn.
    expect(await job(10)).toBe(10);
  });
});
