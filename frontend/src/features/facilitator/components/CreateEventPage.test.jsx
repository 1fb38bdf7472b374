import { fireEvent, screen, waitFor } from "@testing-library/react";
import { Route } from "react-router";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { toLocalInput } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { event, inDays, page } from "../test-fixtures.js";
import { CreateEventPage } from "./CreateEventPage.jsx";
import { DashboardPage } from "./DashboardPage.jsx";

const CREATE = "POST main /api/facilitator/2/events";
const LIST = "GET main /api/facilitator/2/events";

function renderCreate(handlers = {}) {
  const api = fakeApi({ [LIST]: () => ok(page([event()])), ...handlers });
  return renderApp(<CreateEventPage />, {
    route: paths.newEvent,
    path: paths.newEvent,
    api,
    as: "facilitator",
    routes: <Route path={paths.facilitator} element={<DashboardPage />} />,
  });
}

const setValue = (label, value) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

async function fillValidEvent(user) {
  await user.type(screen.getByLabelText("Title"), "Evening Yin");
  await user.selectOptions(screen.getByLabelText("Kind"), "retreat");
  await user.type(screen.getByLabelText("Location"), "Lotus Studio");
  await user.type(screen.getByLabelText("Description"), "Slow and deep.");
  setValue("Session 1 starts at", toLocalInput(inDays(3)));
  setValue("Session 1 ends at", toLocalInput(inDays(3, 1)));
  await user.type(screen.getByLabelText("Session 1 capacity"), "12");
}

describe("CreateEventPage", () => {
  it("has the event fields and one session to start with", () => {
    renderCreate();
    expect(screen.getByRole("heading", { level: 1, name: "Create an event" })).toBeInTheDocument();
    expect(document.title).toBe("Create an event · Sessions & Retreats");
    expect(screen.getByLabelText("Kind")).toHaveValue("session");
    expect(screen.getByRole("option", { name: "Retreat" })).toBeInTheDocument();
    expect(screen.getByLabelText("Session 1 starts at")).toHaveAttribute("type", "datetime-local");
    expect(screen.queryByRole("button", { name: /Remove session/ })).not.toBeInTheDocument();
  });

  it("checks the form before sending it", async () => {
    const { user, api } = renderCreate();
    setValue("Session 1 starts at", toLocalInput(inDays(3)));
    setValue("Session 1 ends at", toLocalInput(inDays(2)));
    await user.click(screen.getByRole("button", { name: "Create event" }));

    expect(screen.getByLabelText("Title")).toHaveAccessibleDescription("Give the event a title.");
    expect(screen.getByLabelText("Session 1 ends at")).toHaveAccessibleDescription("The end must be after the start.");
    expect(screen.getByLabelText("Session 1 capacity")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("alert")).toHaveTextContent("Some details need fixing");
    await waitFor(() => expect(screen.getByLabelText("Title")).toHaveFocus());
    expect(api.callsTo(CREATE)).toHaveLength(0);
  });

  it("adds and removes sessions, each with its own labels", async () => {
    const { user } = renderCreate();
    setValue("Session 1 starts at", toLocalInput(inDays(3)));
    setValue("Session 1 ends at", toLocalInput(inDays(3, 1)));
    await user.click(screen.getByRole("button", { name: "Add another session" }));
    // A week later, focused, ready to adjust.
    expect(screen.getByLabelText("Session 2 starts at")).toHaveValue(toLocalInput(inDays(10)));
    await waitFor(() => expect(screen.getByLabelText("Session 2 starts at")).toHaveFocus());
    await user.click(screen.getByRole("button", { name: "Add another session" }));
    expect(screen.getByLabelText("Session 3 capacity")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Remove session 2" }));
    expect(screen.queryByLabelText("Session 3 capacity")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Session 2 starts at")).toHaveValue(toLocalInput(inDays(17)));
    expect(screen.getByRole("button", { name: "Add another session" })).toHaveFocus();
  });

  it("puts the server's nested 400 details on the right session's field", async () => {
    const { user } = renderCreate({
      [CREATE]: () =>
        apiError(400, "validation_error", "Invalid input: sessions.1.starts_at: Must be in the future.", {
          sessions: { 1: { starts_at: ["Must be in the future."] } },
        }),
    });
    await fillValidEvent(user);
    await user.click(screen.getByRole("button", { name: "Add another session" }));
    await user.click(screen.getByRole("button", { name: "Create event" }));
    const field = screen.getByLabelText("Session 2 starts at");
    await waitFor(() => expect(field).toHaveAccessibleDescription("Must be in the future."));
    expect(screen.getByLabelText("Session 1 starts at")).not.toHaveAttribute("aria-invalid");
  });

  it("shows a field the server names at the top level", async () => {
    const { user } = renderCreate({
      [CREATE]: () => apiError(400, "validation_error", "Invalid input: title.", { title: ["Length must be between 1 and 200."] }),
    });
    await fillValidEvent(user);
    await user.click(screen.getByRole("button", { name: "Create event" }));
    await waitFor(() => expect(screen.getByLabelText("Title")).toHaveAccessibleDescription("Length must be between 1 and 200."));
  });

  it("creates the event and goes back to the dashboard with a confirmation", async () => {
    const { user, api } = renderCreate({ [CREATE]: ({ body }) => reply(201, event({ title: body.title })) });
    await fillValidEvent(user);
    await user.click(screen.getByRole("button", { name: "Create event" }));

    expect(await screen.findByText("Event created.")).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/facilitator$/);
    expect(api.callsTo(CREATE)[0].body).toEqual({
      title: "Evening Yin",
      kind: "retreat",
      location: "Lotus Studio",
      description: "Slow and deep.",
      sessions: [{ starts_at: new Date(toLocalInput(inDays(3))).toISOString(), ends_at: new Date(toLocalInput(inDays(3, 1))).toISOString(), capacity: 12 }],
    });
  });
});
