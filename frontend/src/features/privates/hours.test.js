import { badRows, hoursToRows, newException, newStretch, rowsToHours } from "./hours.js";

describe("a teacher's hours in the editor", () => {
  it("reads the API's times as a time input shows them and sends them back as they were", () => {
    const document = {
      user_id: 4,
      hours: [{ weekday: 0, starts: "09:00:00", ends: "12:30:00" }],
      exceptions: [
        { day: "2026-12-24", kind: "off", starts: null, ends: null },
        { day: "2026-12-27", kind: "extra", starts: "10:00:00", ends: "13:00:00" },
      ],
    };
    const rows = hoursToRows(document);
    expect(rows.hours[0]).toMatchObject({ weekday: 0, starts: "09:00", ends: "12:30" });
    expect(rowsToHours(rows)).toEqual({
      hours: [{ weekday: 0, starts: "09:00", ends: "12:30" }],
      exceptions: [{ day: "2026-12-24", kind: "off" }, { day: "2026-12-27", kind: "extra", starts: "10:00", ends: "13:00" }],
    });
  });

  it("marks rows that end before they start, extra hours without times and exceptions without a day", () => {
    const fine = newStretch(2);
    const backwards = { ...newStretch(3), starts: "18:00", ends: "09:00" };
    const wholeDay = newException("2026-12-24");
    const extraWithout = { ...newException("2026-12-25"), kind: "extra" };
    const noDay = newException("");
    const bad = badRows({ hours: [fine, backwards], exceptions: [wholeDay, extraWithout, noDay] });
    expect([...bad].sort()).toEqual([backwards.key, extraWithout.key, noDay.key].sort());
  });
});
