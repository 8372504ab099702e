import { describe, expect, it } from "vitest";
import { fetchAllPages } from "./pages";

describe("fetchAllPages", () => {
  it("follows next links until the last page and keeps the order", async () => {
    const pages: Record<string, { next: string | null; results: number[] }> = {
      "/a?limit=2": { next: "/a?limit=2&offset=2", results: [1, 2] },
      "/a?limit=2&offset=2": { next: "/a?limit=2&offset=4", results: [3, 4] },
      "/a?limit=2&offset=4": { next: null, results: [5] },
    };
    const asked: string[] = [];
    const all = await fetchAllPages("/a?limit=2", async (path) => {
      asked.push(path);
      return pages[path]!;
    });
    expect(all).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual(["/a?limit=2", "/a?limit=2&offset=2", "/a?limit=2&offset=4"]);
  });

  it("stops when a page links back to one already read, instead of looping forever", async () => {
    let calls = 0;
    const all = await fetchAllPages("/loop", async () => {
      calls += 1;
      return { next: "/loop", results: [calls] };
    });
    expect(all).toEqual([1]);
    expect(calls).toBe(1);
  });
});
