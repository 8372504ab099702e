import { describe, expect, it } from "vitest";
import type { DownloadedLine } from "./download-pager";
import { CSV_HEADER, csvField, downloadFileName, formatLines, toCsv, toNdjson } from "./download-format";

const entry = (overrides: Partial<DownloadedLine> = {}): DownloadedLine => ({
  log_source_id: "0190c3d4-aaaa-bbbb-cccc-000000000001",
  instance_id: "0190c3d4-aaaa-bbbb-cccc-000000000002",
  timestamp: "2026-01-15T12:00:00.123456Z",
  level: "INFO",
  message: "Batch export finished",
  ...overrides,
});

/** A minimal RFC 4180 reader, so the tests check that the CSV reads back to what was written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}

describe("toNdjson", () => {
  it("writes one JSON object per line with PostHog's fields, in the order given", () => {
    const lines = [entry({ message: "first" }), entry({ message: "second", level: "ERROR", instance_id: "" })];
    const text = toNdjson(lines).join("");
    expect(text.endsWith("\n")).toBe(true);
    const parsed = text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as unknown);
    expect(parsed).toEqual(lines);
    expect(Object.keys(parsed[0] as object)).toEqual(["log_source_id", "instance_id", "timestamp", "level", "message"]);
  });

  it("keeps a message's line breaks inside its JSON string, so one entry stays one line", () => {
    const text = toNdjson([entry({ message: 'Traceback:\n  File "x.py"\r\n\tboom' })]).join("");
    expect(text.split("\n")).toHaveLength(2);
    expect((JSON.parse(text) as DownloadedLine).message).toBe('Traceback:\n  File "x.py"\r\n\tboom');
  });

  it("writes nothing for no lines", () => {
    expect(toNdjson([])).toEqual([]);
  });
});

describe("csvField", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rhere", '"cr\rhere"'],
    [" spaced ", " spaced "],
    ["ünïcödé ✓", "ünïcödé ✓"],
  ])("%j → %j", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe("toCsv", () => {
  it("writes the header, then one CRLF-terminated row per line", () => {
    const rows = toCsv([entry({ message: "first" }), entry({ level: "ERROR", instance_id: "", message: "second" })]);
    expect(rows).toEqual([
      `${CSV_HEADER}\r\n`,
      "2026-01-15T12:00:00.123456Z,INFO,0190c3d4-aaaa-bbbb-cccc-000000000002,first\r\n",
      "2026-01-15T12:00:00.123456Z,ERROR,,second\r\n",
    ]);
  });

  it("quotes commas, quotes and line breaks so every message reads back exactly", () => {
    const messages = ['Uploaded 3 files, 2 failed: "SlowDown"', "Traceback:\n  line 1\r\n  line 2", '""', ",", "plain"];
    const text = toCsv(messages.map((message) => entry({ message }))).join("");
    const table = parseCsv(text);
    expect(table[0]).toEqual(["timestamp", "level", "instance_id", "message"]);
    expect(table.slice(1).map((row) => row[3])).toEqual(messages);
    expect(table.slice(1).every((row) => row.length === 4)).toBe(true);
  });

  it("is only the header for no lines", () => {
    expect(toCsv([])).toEqual([`${CSV_HEADER}\r\n`]);
  });
});

describe("formatLines", () => {
  it("picks the format", () => {
    expect(formatLines("csv", [entry()])[0]).toBe(`${CSV_HEADER}\r\n`);
    expect(formatLines("ndjson", [entry()])[0]!.startsWith("{")).toBe(true);
  });
});

describe("downloadFileName", () => {
  it("is <export id>-logs-<UTC timestamp>.<format>, without colons", () => {
    const at = new Date(Date.UTC(2026, 0, 15, 9, 5, 7, 250));
    expect(downloadFileName("0190c3d4-aaaa", "ndjson", at)).toBe("0190c3d4-aaaa-logs-20260115T090507Z.ndjson");
    expect(downloadFileName("0190c3d4-aaaa", "csv", at)).toBe("0190c3d4-aaaa-logs-20260115T090507Z.csv");
  });
});
