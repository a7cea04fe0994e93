import { describe, expect, it } from "vitest";

import { oncePerRequest, runInRequestScope } from "../../app/utils/request-scope.server";

describe("oncePerRequest", () => {
  it("makes a value once per request scope, and afresh in the next request", async () => {
    let made = 0;
    const make = () => ++made;
    const first = await runInRequestScope(async () => {
      const a = oncePerRequest("actor", make);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return [a, oncePerRequest("actor", make)];
    });
    expect(first).toEqual([1, 1]);
    expect(runInRequestScope(() => oncePerRequest("actor", make))).toBe(2);
  });

  it("caches nothing outside a request", () => {
    let made = 0;
    oncePerRequest("actor", () => ++made);
    oncePerRequest("actor", () => ++made);
    expect(made).toBe(2);
  });
});
