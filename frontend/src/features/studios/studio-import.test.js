import { describe, expect, it } from "vitest";
import { failureText, fileName, percentDone, progressText, writtenLines } from "./studio-import.js";

const job = { status: "running", file: "bookings", files_done: 9, files_total: 20, rows_total: 141501, rows_done: 12000 };

describe("fileName", () => {
  it("names the main files in words and the others by their file name", () => {
    expect(fileName("bookings")).toBe("Bookings");
    expect(fileName("clients.csv")).toBe("Clients");
    expect(fileName("session_options")).toBe("Room options");
    expect(fileName("rooms")).toBe("rooms.csv");
  });
});

describe("percentDone", () => {
  it("rounds down, and says 0 before anything is counted but 100 once done", () => {
    expect(percentDone(job)).toBe(8);
    expect(percentDone({ ...job, rows_total: 0, rows_done: 0 })).toBe(0);
    expect(percentDone({ ...job, status: "done", rows_total: 0, rows_done: 0 })).toBe(100);
    expect(percentDone({ ...job, rows_done: 141501 })).toBe(100);
  });
});

describe("progressText", () => {
  it("counts the rows and names the file being written", () => {
    expect(progressText(job)).toBe(`${(12000).toLocaleString()} of ${(141501).toLocaleString()} rows (8%), writing bookings (9 of 20 files written)`);
  });

  it("counts the rows alone between files", () => {
    expect(progressText({ ...job, file: null, rows_done: 0 })).toBe(`0 of ${(141501).toLocaleString()} rows (0%)`);
  });
});

describe("writtenLines", () => {
  it("lists the main files first in their order, then the others by file name", () => {
    const lines = writtenLines({ feedback: 3, bookings: 40, clients: 10, rooms: 4, session_options: 2, events: 1, refunds: 0 });
    expect(lines.map((line) => [line.name, line.count])).toEqual([
      ["Clients", 10],
      ["Events", 1],
      ["Bookings", 40],
      ["Room options", 2],
      ["Feedback", 3],
      ["rooms.csv", 4],
    ]);
  });

  it("has nothing to list without counts", () => {
    expect(writtenLines(null)).toEqual([]);
    expect(writtenLines()).toEqual([]);
  });
});

describe("failureText", () => {
  it("gives the server's words, which say nothing was kept, once", () => {
    const failure = "A row of payments.csv is on this install already (provider test, reference tp_1). Nothing it wrote was kept: the studio is as it was before the import.";
    expect(failureText({ failure })).toBe(failure);
    expect(failureText({ failure: null })).toBe("The import stopped. Nothing was kept: the studio is as it was before the import.");
  });
});
