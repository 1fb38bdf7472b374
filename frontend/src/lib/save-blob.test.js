import { afterEach, describe, expect, it, vi } from "vitest";
import { saveBlob } from "./save-blob.js";

describe("saveBlob", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it("clicks a hidden download link to the blob under the name given, then lets both go", () => {
    vi.useFakeTimers();
    URL.createObjectURL = vi.fn(() => "blob:file");
    URL.revokeObjectURL = vi.fn();
    const clicked = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function click() {
      clicked.push({ href: this.href, download: this.download, hidden: this.hidden, inPage: document.body.contains(this) });
    });
    const blob = new Blob(["BEGIN:VCALENDAR"], { type: "text/calendar" });
    saveBlob(blob, "booking-4.ics");
    expect(URL.createObjectURL).toHaveBeenCalledWith(blob);
    expect(clicked).toEqual([{ href: "blob:file", download: "booking-4.ics", hidden: true, inPage: true }]);
    expect(document.querySelector("a[download]")).toBeNull();
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith("blob:file");
  });
});
