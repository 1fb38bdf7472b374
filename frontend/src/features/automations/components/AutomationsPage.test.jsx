import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ok, reply } from "../../../test/fake-api.js";
import { AUTOMATIONS, automation, renderAutomations } from "../test-fixtures.js";

const rowOf = async (name) => (await screen.findByRole("link", { name })).closest("li");

describe("the studio's automations", () => {
  it("lists each automation with its trigger in words and its figures, and switches one on", async () => {
    let current = automation();
    const { user, api } = renderAutomations({
      [`GET main ${AUTOMATIONS}`]: () => ok({ items: [current] }),
      [`PATCH main ${AUTOMATIONS}/5`]: ({ body }) => ok((current = { ...current, ...body, switched_on_at: "2031-01-08T10:00:00+00:00" })),
    });
    const row = await rowOf("Win back");
    expect(row).toHaveTextContent("When: 30 days without a visit · 3 steps");
    expect(within(row).getByLabelText("Figures of Win back")).toHaveTextContent("Entered40Waiting12Finished20Left8Bookings within 14 days9");
    const toggle = within(row).getByRole("switch", { name: "Switched off: Win back" });
    expect(toggle).not.toBeChecked();
    expect(row).toHaveTextContent("Switched off");
    expect(row).not.toHaveTextContent(/Switched on|\bOn\b/); // its state said once, as it is

    await user.click(toggle);
    expect(api.callsTo(`PATCH main ${AUTOMATIONS}/5`)[0].body).toEqual({ active: true });
    await waitFor(() => expect(within(row).getByRole("switch", { name: "Switched on: Win back" })).toBeChecked());
    expect(within(row).getByText("Switched on")).toBeInTheDocument();
    expect(row).not.toHaveTextContent(/Switched off|\bOff\b/);
  });

  it("says why a switch did not go on", async () => {
    const { user } = renderAutomations({
      [`PATCH main ${AUTOMATIONS}/5`]: () => reply(400, { error: { code: "validation_error", message: "The studio has no approved WhatsApp template.", details: {} } }),
    });
    await user.click(await screen.findByRole("switch", { name: "Switched off: Win back" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("It could not be switched on. The studio has no approved WhatsApp template.");
  });

  it("makes an automation from a template, switched off, and opens it", async () => {
    const made = automation({ id: 9, name: "Birthday greeting", template: "birthday", trigger: { kind: "birthday", days: 0 }, figures: { entered: 0, waiting: 0, finished: 0, left: 0, bookings_within_14_days: 0 } });
    const { user, api } = renderAutomations({
      [`POST main ${AUTOMATIONS}`]: () => reply(201, made),
      [`GET main ${AUTOMATIONS}/9/entries`]: () => ok({ items: [], page: 1, per_page: 20, total: 0, pages: 0 }),
    });
    const templates = await screen.findByRole("region", { name: "Start from a template" });
    const birthday = (await within(templates).findByRole("heading", { name: "Birthday greeting" })).closest("li");
    expect(birthday).toHaveTextContent("A greeting and a present on the day.");
    expect(birthday).toHaveTextContent("When: on their birthday · 2 steps");
    await user.click(within(birthday).getByRole("button", { name: "Use “Birthday greeting”" }));

    expect(api.callsTo(`POST main ${AUTOMATIONS}`)[0].body).toEqual({ template: "birthday" });
    expect(await screen.findByRole("heading", { level: 1, name: "Birthday greeting" })).toBeInTheDocument();
    expect(screen.getByText("Made from the template, switched off. Look over its steps, then switch it on.").closest(".outcome")).toHaveFocus();
    expect(screen.getByTestId("location")).toHaveTextContent("/facilitator/automations?automation=9");
    expect(screen.getByRole("switch", { name: "Switched off: Birthday greeting" })).not.toBeChecked();
    expect(screen.getByRole("textbox", { name: "Name" })).toHaveValue("Birthday greeting");
  });

  it("writes a new automation: its name, a trigger with days and a step", async () => {
    const { user, api } = renderAutomations({
      [`POST main ${AUTOMATIONS}`]: ({ body }) => reply(201, automation({ id: 11, ...body })),
      [`GET main ${AUTOMATIONS}/11/entries`]: () => ok({ items: [], page: 1, per_page: 20, total: 0, pages: 0 }),
    });
    await user.click(await screen.findByRole("link", { name: "New automation" }));
    expect(screen.getByRole("heading", { level: 1, name: "New automation" })).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Save automation" }));
    expect(screen.getByRole("textbox", { name: "Name" })).toHaveAccessibleDescription("Give it a name.");
    expect(screen.getByRole("textbox", { name: "Name" })).toHaveFocus();
    expect(screen.getByText("Add at least one step.")).toBeInTheDocument();

    await user.type(screen.getByRole("textbox", { name: "Name" }), "Renewal");
    await user.selectOptions(screen.getByRole("combobox", { name: "Trigger" }), "Membership ending");
    const days = screen.getByRole("spinbutton", { name: "Days before it ends" });
    expect(days).toHaveValue(7);
    expect(days).toHaveAccessibleDescription("A whole number from 0 to 60.");
    await user.clear(days);
    await user.type(days, "61");
    await user.selectOptions(screen.getByRole("combobox", { name: "Kind of step to add" }), "Give the team a task");
    await user.click(screen.getByRole("button", { name: "Add step" }));
    const task = screen.getByRole("textbox", { name: "Task" });
    expect(task).toHaveFocus();
    await user.type(task, "Call them");
    await user.click(screen.getByRole("button", { name: "Save automation" }));
    expect(days).toHaveAccessibleDescription("A whole number from 0 to 60. Give a whole number from 0 to 60.");
    expect(api.callsTo(`POST main ${AUTOMATIONS}`)).toHaveLength(0);

    await user.clear(days);
    await user.type(days, "10");
    await user.click(screen.getByRole("button", { name: "Save automation" }));
    expect(await screen.findByText("The automation is saved. It is off: switch it on when it is ready.")).toBeInTheDocument();
    expect(api.callsTo(`POST main ${AUTOMATIONS}`)[0].body).toEqual({
      name: "Renewal",
      trigger: { kind: "membership_ending", days: 10 },
      steps: [{ kind: "staff_task", text: "Call them" }],
    });
    expect(screen.getByTestId("location")).toHaveTextContent("/facilitator/automations?automation=11");
  });

  it("deletes an automation after asking, and goes back to the list", async () => {
    let items = [automation()];
    const { user, api } = renderAutomations(
      {
        [`GET main ${AUTOMATIONS}`]: () => ok({ items }),
        [`DELETE main ${AUTOMATIONS}/5`]: () => ((items = []), reply(204, null)),
      },
      { route: "/facilitator/automations?automation=5" },
    );
    await user.click(await screen.findByRole("button", { name: "Delete automation" }));
    const dialog = screen.getByRole("dialog", { name: "Delete “Win back”?" });
    await user.click(within(dialog).getByRole("button", { name: "Keep" }));
    expect(api.callsTo(`DELETE main ${AUTOMATIONS}/5`)).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Delete automation" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete" }));
    // Each stage waits on its own (a loaded machine runs the whole suite's files at once): the answer, the move, the list.
    await waitFor(() => expect(api.callsTo(`DELETE main ${AUTOMATIONS}/5`)).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(/^\/facilitator\/automations$/));
    expect(await screen.findByText("The automation is deleted.")).toBeInTheDocument();
    expect(api.callsTo(`DELETE main ${AUTOMATIONS}/5`)).toHaveLength(1);
    expect(await screen.findByText("No automations yet. Start from a template or write a new one.")).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/facilitator\/automations$/);
    expect(api.callsTo(`GET main ${AUTOMATIONS}/5`)).toHaveLength(1); // not asked again once deleted
  });
});
