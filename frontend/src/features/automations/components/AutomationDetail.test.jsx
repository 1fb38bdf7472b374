import { screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { describe, expect, it } from "vitest";
import { apiError, ok, pageOf } from "../../../test/fake-api.js";
import { AUTOMATIONS, automation, entry, renderAutomations } from "../test-fixtures.js";

const ONE = "/facilitator/automations?automation=5";
const step = (number, kind) => screen.getByRole("group", { name: `Step ${number}: ${kind}` });

describe("one automation's editor", () => {
  it("adds, moves and removes steps, keeping the keyboard's place, and saves them in order", async () => {
    const { user, api } = renderAutomations({ [`PATCH main ${AUTOMATIONS}/5`]: ({ body }) => ok(automation(body)) }, { route: ONE });
    expect(await screen.findByRole("heading", { level: 1, name: "Win back" })).toBeInTheDocument();
    expect(screen.getByText(/Email, WhatsApp and text steps go only to people who agreed to marketing, and are held back at night \(by default 21:00 to 09:00 on the studio's clock\)/)).toBeInTheDocument();
    expect(within(step(2, "Wait")).getByRole("spinbutton", { name: "Days" })).toHaveValue(3);

    await user.selectOptions(screen.getByRole("combobox", { name: "Kind of step to add" }), "Add a tag");
    await user.click(screen.getByRole("button", { name: "Add step" }));
    const tag = within(step(4, "Add a tag")).getByRole("textbox", { name: "Tag" });
    expect(tag).toHaveFocus();
    await user.type(tag, "vip");

    await user.click(screen.getByRole("button", { name: "Move up step 3" }));
    expect(step(2, "Send a text message")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Move up step 2" })).toHaveFocus();
    expect(screen.getByRole("button", { name: "Move up step 1" })).toBeDisabled();

    await user.click(screen.getByRole("button", { name: "Remove step 3" })); // the wait
    expect(screen.queryByRole("group", { name: "Step 4: Add a tag" })).not.toBeInTheDocument();
    expect(within(step(3, "Add a tag")).getByRole("textbox", { name: "Tag" })).toHaveFocus();

    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Saved.")).toBeInTheDocument();
    expect(api.callsTo(`PATCH main ${AUTOMATIONS}/5`)[0].body).toEqual({
      name: "Win back",
      trigger: { kind: "no_visit", days: 30 },
      steps: [
        { kind: "email", subject: "We miss you", text: "Hi {first_name}, come back to {studio}." },
        { kind: "sms", text: "A class is waiting for you." },
        { kind: "add_tag", tag: "vip" },
      ],
    });
  });

  it("shows the server's objection beside the step's field it names, and says what a message may carry", async () => {
    const objection = { steps: { 2: { text: ["At most 300 characters."] } } };
    const { user } = renderAutomations({ [`PATCH main ${AUTOMATIONS}/5`]: () => apiError(400, "validation_error", "Invalid input: steps.", objection) }, { route: ONE });
    const email = within(await screen.findByRole("group", { name: "Step 1: Send an email" })).getByRole("textbox", { name: "Text" });
    expect(email).toHaveAccessibleDescription(/You can write \{first_name\} for the person's first name, \{studio\}.* and \{code\}/);
    await user.click(screen.getByRole("button", { name: "Save" }));
    const text = within(step(3, "Send a text message")).getByRole("textbox", { name: "Text" });
    await waitFor(() => expect(text).toHaveAccessibleDescription(/At most 300 characters\./));
    expect(text).toHaveAttribute("aria-invalid", "true");
    expect(text).toHaveFocus();
    expect(email).not.toHaveAttribute("aria-invalid");
    await user.type(text, "!");
    expect(text).not.toHaveAttribute("aria-invalid");
  });

  it("keeps the trigger and steps of one that is on read-only, saving its name alone", async () => {
    const on = automation({ active: true, switched_on_at: "2031-01-03T10:00:00+00:00" });
    const { user, api } = renderAutomations({ [`PATCH main ${AUTOMATIONS}/5`]: ({ body }) => ok({ ...on, ...body }) }, { route: ONE, one: on });
    expect(await screen.findByText("It is on, so its trigger and steps cannot change: switch it off to change them. Its name can change.")).toBeInTheDocument();
    expect(screen.getByRole("switch", { name: "Switched on: Win back" })).toBeChecked();
    const editor = screen.getByRole("form", { name: "Name, trigger and steps" });
    // Read-only: a line each, not the fields of one that is off.
    expect(within(editor).queryByRole("combobox")).not.toBeInTheDocument();
    expect(within(editor).queryByRole("group", { name: /^Step/ })).not.toBeInTheDocument();
    expect(within(editor).queryByRole("button", { name: "Add step" })).not.toBeInTheDocument();
    expect(editor).toHaveTextContent("When: 30 days without a visit");
    expect(within(editor).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Send an email: “We miss you”",
      "Wait: 3 days",
      "Send a text message: “A class is waiting for you.”",
    ]);
    expect(screen.getByText("It is on: who would enter now through its saved trigger. Nothing is sent.")).toBeInTheDocument();
    expect(screen.queryByText(/if it were switched on now/)).not.toBeInTheDocument();
    await user.clear(screen.getByRole("textbox", { name: "Name" }));
    await user.type(screen.getByRole("textbox", { name: "Name" }), "Come back");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Saved.")).toBeInTheDocument();
    expect(api.callsTo(`PATCH main ${AUTOMATIONS}/5`)[0].body).toEqual({ name: "Come back" });
  });

  it("says so when it was switched on meanwhile (409), and locks its trigger and steps", async () => {
    let current = automation();
    const { user, api } = renderAutomations(
      {
        [`GET main ${AUTOMATIONS}/5`]: () => ok(current),
        [`PATCH main ${AUTOMATIONS}/5`]: () => {
          current = { ...current, active: true };
          return apiError(409, "automation_active", "Switch the automation off to change its trigger or steps.");
        },
      },
      { route: ONE },
    );
    const subject = within(await screen.findByRole("group", { name: "Step 1: Send an email" })).getByRole("textbox", { name: "Subject" });
    await user.type(subject, " soon");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("It was switched on meanwhile, so its trigger and steps did not change. Switch it off to change them.")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("switch", { name: "Switched on: Win back" })).toBeChecked());
    expect(screen.queryByRole("group", { name: "Step 1: Send an email" })).not.toBeInTheDocument();
    expect(screen.getByText("Send an email: “We miss you”")).toBeInTheDocument();
    expect(api.callsTo(`GET main ${AUTOMATIONS}/5`).length).toBeGreaterThan(1);
  });
});

describe("who would enter it, and who is in it", () => {
  it("previews who would enter now: how many, their names, and the last 30 days for an event's trigger", async () => {
    const people = [{ user_id: 21, name: "Asha Verma" }, { user_id: 22, name: "Ravi Kumar" }];
    const { user, api } = renderAutomations({ [`GET main ${AUTOMATIONS}/5/preview`]: () => ok({ count: 3, people, window: "last_30_days" }) }, { route: ONE });
    const preview = await screen.findByRole("region", { name: "Preview" });
    expect(preview).toHaveTextContent("Who its saved trigger would bring in if it were switched on now. Nothing is sent.");
    expect(api.callsTo(`GET main ${AUTOMATIONS}/5/preview`)).toHaveLength(0);
    await user.click(within(preview).getByRole("button", { name: "Preview: who would enter now" }));
    const answer = (await within(preview).findByText("3 people would enter now.")).closest("[role=status]");
    expect(answer).toHaveTextContent("3 people would enter now. It looks at what happened in the last 30 days.");
    expect(within(answer).getAllByRole("listitem").map((item) => item.textContent)).toEqual(["Asha Verma", "Ravi Kumar"]);
    expect(answer).toHaveTextContent("and 1 more");
  });

  it("lists the people in it, filtered by state, a page at a time", async () => {
    const everyone = [entry(1), entry(2, { state: "finished", step: 3, due_at: null, finished_at: "2031-01-09T04:30:00+00:00" }), entry(3, { state: "left", due_at: null, left_because: "marketing_consent" })];
    const waiting = Array.from({ length: 25 }, (_, at) => entry(10 + at));
    const { user, api } = renderAutomations(
      { [`GET main ${AUTOMATIONS}/5/entries`]: ({ query }) => ok(query.state === "waiting" ? pageOf(waiting, query) : pageOf(everyone, query)) },
      { route: ONE },
    );
    const people = await screen.findByRole("table", { name: "People in Win back" });
    const first = within(people).getByRole("rowheader", { name: "Person 1" }).closest("tr");
    expect(first).toHaveTextContent("Person 1WaitingStep 2 of 3: Wait");
    expect(first).toHaveTextContent(/–$/); // still in it: not finished
    expect(within(people).getByRole("rowheader", { name: "Person 2" }).closest("tr")).toHaveTextContent(/^Person 2Finished–.+2031.+2031/);
    expect(within(people).getByRole("columnheader", { name: "Finished or left" })).toBeInTheDocument();
    expect(within(people).getByRole("rowheader", { name: "Person 3" }).closest("tr")).toHaveTextContent("Left (no marketing consent)");
    expect(api.callsTo(`GET main ${AUTOMATIONS}/5/entries`)[0].query).toEqual({ page: "1", per_page: "20" });

    await user.selectOptions(screen.getByRole("combobox", { name: "Show" }), "Waiting");
    expect(await screen.findByRole("rowheader", { name: "Person 10" })).toBeInTheDocument();
    expect(api.callsTo(`GET main ${AUTOMATIONS}/5/entries`).at(-1).query).toEqual({ state: "waiting", page: "1", per_page: "20" });
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(await screen.findByRole("rowheader", { name: "Person 30" })).toBeInTheDocument();
    expect(api.callsTo(`GET main ${AUTOMATIONS}/5/entries`).at(-1).query).toEqual({ state: "waiting", page: "2", per_page: "20" });
  });

  it("reads its figures and people afresh on Refresh, together", async () => {
    let current = automation({ figures: { entered: 0, waiting: 0, finished: 0, left: 0, bookings_within_14_days: 0 } });
    let people = [];
    const { user, api } = renderAutomations(
      { [`GET main ${AUTOMATIONS}/5`]: () => ok(current), [`GET main ${AUTOMATIONS}/5/entries`]: ({ query }) => ok(pageOf(people, query)) },
      { route: ONE },
    );
    expect(await screen.findByText("Nobody has entered it yet.")).toBeInTheDocument();
    current = { ...current, figures: { ...current.figures, entered: 1, waiting: 1 } };
    people = [entry(1)];
    const reads = api.callsTo(`GET main ${AUTOMATIONS}/5`).length;
    await user.click(screen.getByRole("button", { name: "Refresh" }));
    expect(await screen.findByRole("rowheader", { name: "Person 1" })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText("Figures of Win back")).toHaveTextContent("Entered1Waiting1"));
    expect(api.callsTo(`GET main ${AUTOMATIONS}/5`).length).toBe(reads + 1);
  });

  it("passes axe's checks, the editor, preview and people in it together", async () => {
    const { user } = renderAutomations(
      {
        [`GET main ${AUTOMATIONS}/5/preview`]: () => ok({ count: 1, people: [{ user_id: 21, name: "Asha Verma" }], window: "now" }),
        [`GET main ${AUTOMATIONS}/5/entries`]: ({ query }) => ok(pageOf([entry(1), entry(2, { state: "left", left_because: "account_gone", due_at: null })], query)),
      },
      { route: ONE },
    );
    await screen.findByRole("table", { name: "People in Win back" });
    await user.click(screen.getByRole("button", { name: "Preview: who would enter now" }));
    await screen.findByText("1 person would enter now.");
    // jsdom lays nothing out: colours are styles.test.js's to check.
    const results = await axe.run(document.body, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"] }, rules: { "color-contrast": { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" ")}`)).toEqual([]);
  });
});
