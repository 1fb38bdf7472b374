import { describe, expect, it } from "vitest";
import { bodyOf, draftOf, draftProblems, errorPlace, withTriggerKind } from "./draft.js";
import { triggerWords } from "./words.js";

const draft = (overrides = {}) => ({ name: "Welcome", kind: "first_visit", days: "", steps: [], ...overrides });
const steps = (...list) => draftOf({ name: "x", trigger: { kind: "first_visit", days: null }, steps: list }).steps;

describe("an automation's draft", () => {
  it("sends numbers as numbers, a wait's units only when given, a condition's tag or segment only for its test", () => {
    const values = draft({
      kind: "birthday",
      days: "2",
      steps: steps(
        { kind: "wait", hours: 4 },
        { kind: "condition", test: "has_tag" },
        { kind: "condition", test: "in_segment", segment_id: 7 },
        { kind: "make_code", percent_off: 15, valid_days: 30 },
        { kind: "zoom_link", room: "a" },
      ),
    });
    values.steps[1].tag = " vip ";
    expect(bodyOf(values)).toEqual({
      name: "Welcome",
      trigger: { kind: "birthday", days: 2 },
      steps: [
        { kind: "wait", hours: 4 },
        { kind: "condition", test: "has_tag", tag: "vip" },
        { kind: "condition", test: "in_segment", segment_id: 7 },
        { kind: "make_code", percent_off: 15, valid_days: 30 },
        { kind: "zoom_link", room: "a" },
      ],
    });
    expect(bodyOf(values, { locked: true })).toEqual({ name: "Welcome" });
    expect(bodyOf(draft({ kind: "no_visit", days: "30" })).trigger).toEqual({ kind: "no_visit", days: 30 });
    expect(bodyOf(draft()).trigger).toEqual({ kind: "first_visit", days: null });
  });

  it("checks what the server checks before sending, named by the server's paths", () => {
    const values = draft({
      name: " ",
      kind: "intro_offer_ending",
      days: "61",
      steps: steps({ kind: "wait" }, { kind: "email", subject: "", text: "Hi" }, { kind: "make_code", percent_off: 0, valid_days: 14 }),
    });
    expect(Object.keys(draftProblems(values))).toEqual(["name", "trigger.days", "steps.0.days", "steps.1.subject", "steps.2.percent_off"]);
    expect(draftProblems(draft({ steps: steps({ kind: "wait", days: 366 }) }))["steps.0.days"]).toBe("Wait at least a minute and at most 365 days.");
    expect(draftProblems(draft({ steps: steps({ kind: "wait", minutes: 1 }) }))).toEqual({});
    expect(draftProblems(draft())).toEqual({ steps: "Add at least one step." });
    expect(draftProblems(draft({ name: "" }), { locked: true })).toEqual({ name: "Give it a name." });
    const early = draft({ steps: steps({ kind: "sms", text: "Your code: {code}" }, { kind: "make_code", percent_off: 10, valid_days: 7 }, { kind: "email", subject: "{code}", text: "Hi" }) });
    expect(draftProblems(early)).toEqual({ "steps.0.text": "{code} needs a “Make a discount code” step before this one." });
  });

  it("puts a server error beside the field it names, a step's other errors beside the step, the rest above", () => {
    const values = draft({ steps: steps({ kind: "sms", text: "Hi" }) });
    expect(errorPlace("steps.0.text", values)).toBe("steps.0.text");
    expect(errorPlace("steps.0.subject", values)).toBe("steps.0");
    expect(errorPlace("steps.0", values)).toBe("steps.0");
    expect(errorPlace("steps.3.text", values)).toBe(false);
    expect(errorPlace("trigger", values)).toBe("trigger.kind");
    expect(errorPlace("trigger.days", values)).toBe("trigger.days");
    expect(errorPlace("template", values)).toBe(false);
  });

  it("keeps typed days between kinds that take them, and starts a new kind's own", () => {
    expect(withTriggerKind(draft({ kind: "no_visit", days: "12" }), "birthday").days).toBe("12");
    expect(withTriggerKind(draft(), "membership_ending").days).toBe("7");
    expect(withTriggerKind(draft({ kind: "no_visit", days: "12" }), "form_signed").days).toBe("");
  });

  it("says a trigger in words", () => {
    expect(triggerWords({ kind: "no_visit", days: 1 })).toBe("1 day without a visit");
    expect(triggerWords({ kind: "birthday", days: 0 })).toBe("on their birthday");
    expect(triggerWords({ kind: "form_signed", days: null })).toBe("Form signed");
    expect(triggerWords({ kind: "moon_phase", days: null })).toBe("moon_phase");
  });
});
