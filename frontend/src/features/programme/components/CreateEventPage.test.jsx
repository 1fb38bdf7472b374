import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { Route } from "react-router";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { browserZone, fromZonedInput, toZonedInput } from "../../../lib/format.js";
import { currentZoneName } from "../../../lib/time-zones.js";
import { paths } from "../../../lib/paths.js";
import { ZONE, event, inDays, page } from "../test-fixtures.js";
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

/** A session time field by the start of its label ("Session 1 starts at"), whatever zone the label names after it. */
const timeField = (label) => screen.getByLabelText(new RegExp(`^${label} \\(`));
const setValue = (label, value) => fireEvent.change(timeField(label), { target: { value } });
/** A datetime-local value in the events' zone. */
const wall = (iso) => toZonedInput(iso, ZONE);

async function fillValidEvent(user) {
  await user.type(screen.getByLabelText("Title"), "Evening Yin");
  await user.selectOptions(screen.getByLabelText("Kind"), "retreat");
  await user.type(screen.getByLabelText("Location"), "Lotus Studio");
  await user.type(screen.getByLabelText("Description"), "Slow and deep.");
  await user.selectOptions(screen.getByLabelText("Time zone"), ZONE);
  setValue("Session 1 starts at", wall(inDays(3)));
  setValue("Session 1 ends at", wall(inDays(3, 1)));
  await user.type(screen.getByLabelText("Session 1 capacity"), "12");
}

describe("CreateEventPage", () => {
  it("has the event fields and one session to start with", () => {
    renderCreate();
    expect(screen.getByRole("heading", { level: 1, name: "Create an event" })).toBeInTheDocument();
    expect(document.title).toBe("Create an event · Sessions & Retreats");
    expect(screen.getByLabelText("Kind")).toHaveValue("session");
    expect(screen.getByRole("option", { name: "Retreat" })).toBeInTheDocument();
    expect(timeField("Session 1 starts at")).toHaveAttribute("type", "datetime-local");
    expect(screen.queryByRole("button", { name: /Remove session/ })).not.toBeInTheDocument();
  });

  it("checks the form before sending it", async () => {
    const { user, api } = renderCreate();
    setValue("Session 1 starts at", wall(inDays(3)));
    setValue("Session 1 ends at", wall(inDays(2)));
    await user.click(screen.getByRole("button", { name: "Create event" }));

    expect(screen.getByLabelText("Title")).toHaveAccessibleDescription("Give the event a title.");
    expect(timeField("Session 1 ends at")).toHaveAccessibleDescription("The end must be after the start.");
    expect(screen.getByLabelText("Session 1 capacity")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("alert")).toHaveTextContent("Some details need fixing");
    await waitFor(() => expect(screen.getByLabelText("Title")).toHaveFocus());
    expect(api.callsTo(CREATE)).toHaveLength(0);
  });

  it("adds and removes sessions, each with its own labels", async () => {
    const { user } = renderCreate();
    setValue("Session 1 starts at", wall(inDays(3)));
    setValue("Session 1 ends at", wall(inDays(3, 1)));
    await user.click(screen.getByRole("button", { name: "Add another session" }));
    // A week later, focused, ready to adjust.
    expect(timeField("Session 2 starts at")).toHaveValue(wall(inDays(10)));
    await waitFor(() => expect(timeField("Session 2 starts at")).toHaveFocus());
    await user.click(screen.getByRole("button", { name: "Add another session" }));
    expect(screen.getByLabelText("Session 3 capacity")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Remove session 2" }));
    expect(screen.queryByLabelText("Session 3 capacity")).not.toBeInTheDocument();
    expect(timeField("Session 2 starts at")).toHaveValue(wall(inDays(17)));
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
    const field = timeField("Session 2 starts at");
    await waitFor(() => expect(field).toHaveAccessibleDescription("Must be in the future."));
    expect(timeField("Session 1 starts at")).not.toHaveAttribute("aria-invalid");
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
      timezone: ZONE,
      refund_until_hours: 24,
      sessions: [{ starts_at: new Date(inDays(3)).toISOString(), ends_at: new Date(inDays(3, 1)).toISOString(), capacity: 12, price: 0, currency: "INR" }],
    });
  });

  describe("where it is held, for tax", () => {
    const country = () => screen.getByLabelText(/^Country where it is held/);
    const state = () => screen.queryByLabelText(/^GST state code where it is held/);

    it("sends the country and, in India, the GST state code of a new event", async () => {
      const { user, api } = renderCreate({ [CREATE]: ({ body }) => reply(201, event({ title: body.title })) });
      await fillValidEvent(user);
      await user.type(country(), "in");
      await user.type(state(), "30");
      await user.click(screen.getByRole("button", { name: "Create event" }));

      await screen.findByText("Event created.");
      expect(api.callsTo(CREATE)[0].body).toMatchObject({ location_country: "IN", location_state_code: "30" });
    });

    it("asks no Indian state for a place abroad, and leaves out blank fields (the studio's own address)", async () => {
      const { user, api } = renderCreate({ [CREATE]: ({ body }) => reply(201, event({ title: body.title })) });
      await fillValidEvent(user);
      await user.type(state(), "30");
      await user.type(country(), "de");
      expect(state()).not.toBeInTheDocument();
      await user.click(screen.getByRole("button", { name: "Create event" }));

      await screen.findByText("Event created.");
      const body = api.callsTo(CREATE)[0].body;
      expect(body.location_country).toBe("DE");
      expect(body).not.toHaveProperty("location_state_code");
    });

    it("shows the server's refusal of the state code beside the field", async () => {
      const { user } = renderCreate({
        [CREATE]: () => apiError(400, "validation_error", "Invalid input: location_state_code.", { location_state_code: ["Must be one of: 01, 02."] }),
      });
      await fillValidEvent(user);
      await user.type(state(), "99");
      await user.click(screen.getByRole("button", { name: "Create event" }));
      await waitFor(() => expect(state()).toHaveAccessibleDescription(expect.stringContaining("Must be one of")));
    });
  });

  describe("time zone", () => {
    it("starts at the viewer's own zone and labels the session times with it", () => {
      renderCreate();
      const zone = currentZoneName(browserZone());
      const select = screen.getByRole("combobox", { name: "Time zone" });
      expect(select).toHaveValue(zone);
      expect(select).toBeRequired();
      expect(select).toHaveAccessibleDescription(/times below are on its clocks/);
      expect(within(select).getByRole("option", { name: "Asia/Kolkata" })).toBeInTheDocument();
      expect(within(select).getByRole("option", { name: "America/New York" })).toHaveValue("America/New_York");
      expect(timeField("Session 1 starts at").labels[0].textContent).toContain(`(${zone}`);
    });

    it("reads the times in the chosen zone and sends it with their UTC instants, across a DST change", async () => {
      const { user, api } = renderCreate({ [CREATE]: ({ body }) => reply(201, event({ title: body.title })) });
      await fillValidEvent(user);
      await user.selectOptions(screen.getByLabelText("Time zone"), "Europe/Berlin");
      // A weekly class at 09:00 in Berlin, the week before and the week after the clocks go forward (30 March 2031).
      setValue("Session 1 starts at", "2031-03-24T09:00");
      setValue("Session 1 ends at", "2031-03-24T10:30");
      expect(timeField("Session 1 starts at")).toHaveAccessibleName("Session 1 starts at (Europe/Berlin, CET)");
      await user.click(screen.getByRole("button", { name: "Add another session" }));
      expect(timeField("Session 2 starts at")).toHaveValue("2031-03-31T09:00");
      expect(timeField("Session 2 starts at")).toHaveAccessibleName("Session 2 starts at (Europe/Berlin, CEST)");
      await user.click(screen.getByRole("button", { name: "Create event" }));

      expect(await screen.findByText("Event created.")).toBeInTheDocument();
      const body = api.callsTo(CREATE)[0].body;
      expect(body.timezone).toBe("Europe/Berlin");
      expect(body.sessions).toEqual([
        { starts_at: "2031-03-24T08:00:00.000Z", ends_at: "2031-03-24T09:30:00.000Z", capacity: 12, price: 0, currency: "INR" },
        { starts_at: "2031-03-31T07:00:00.000Z", ends_at: "2031-03-31T08:30:00.000Z", capacity: 12, price: 0, currency: "INR" },
      ]);
    });

    it("keeps the typed times when the zone changes: they are read on the new zone's clocks", async () => {
      const { user, api } = renderCreate({ [CREATE]: ({ body }) => reply(201, event({ title: body.title })) });
      await fillValidEvent(user);
      setValue("Session 1 starts at", "2031-01-15T09:00");
      setValue("Session 1 ends at", "2031-01-15T10:00");
      await user.selectOptions(screen.getByLabelText("Time zone"), "America/New_York");
      expect(timeField("Session 1 starts at")).toHaveValue("2031-01-15T09:00");
      expect(timeField("Session 1 ends at")).toHaveAccessibleName("Session 1 ends at (America/New_York, EST)");
      await user.click(screen.getByRole("button", { name: "Create event" }));
      await screen.findByText("Event created.");
      expect(api.callsTo(CREATE)[0].body.sessions[0]).toMatchObject({ starts_at: "2031-01-15T14:00:00.000Z", ends_at: "2031-01-15T15:00:00.000Z" });
      expect(fromZonedInput("2031-01-15T09:00", "America/New_York")).toBe("2031-01-15T14:00:00.000Z");
    });

    it("shows the server's refusal of the zone beside the field", async () => {
      const { user } = renderCreate({
        [CREATE]: () => apiError(400, "validation_error", "Invalid input: timezone.", { timezone: ["Unknown time zone."] }),
      });
      await fillValidEvent(user);
      await user.click(screen.getByRole("button", { name: "Create event" }));
      const select = screen.getByLabelText("Time zone");
      await waitFor(() => expect(select).toHaveAttribute("aria-invalid", "true"));
      expect(select).toHaveAccessibleDescription(expect.stringContaining("Unknown time zone."));
      await waitFor(() => expect(select).toHaveFocus());
    });
  });

  describe("prices and refunds", () => {
    const change = (label, value) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
    /** fillValidEvent's event, typed at once. */
    function fillQuickly() {
      change("Title", "Evening Yin");
      change("Time zone", ZONE);
      setValue("Session 1 starts at", wall(inDays(3)));
      setValue("Session 1 ends at", wall(inDays(3, 1)));
      change("Session 1 capacity", "12");
    }
    it("prices each session in major units and its currency, and sends minor units with the refund cutoff", async () => {
      const { user, api } = renderCreate({ [CREATE]: ({ body }) => reply(201, event({ title: body.title })) });
      fillQuickly();
      const price = screen.getByLabelText("Session 1 price");
      expect(price).toHaveValue("");
      expect(price).toHaveAccessibleDescription("Blank or 0: the session is free.");
      const currency = screen.getByLabelText("Session 1 currency");
      expect(currency).toHaveValue("INR");
      expect(within(currency).getAllByRole("option").map((option) => option.value)).toEqual(["INR", "USD", "EUR", "GBP", "AUD", "CAD", "SGD", "JPY"]);
      change("Session 1 price", "45000.50");
      expect(price).toHaveAccessibleDescription("Shown as ₹45,000.50.");

      await user.click(screen.getByRole("button", { name: "Add another session" }));
      expect(screen.getByLabelText("Session 2 price")).toHaveValue("45000.50");
      await user.selectOptions(screen.getByLabelText("Session 2 currency"), "JPY");
      change("Session 2 price", "1500");
      expect(screen.getByLabelText("Session 2 price")).toHaveAccessibleDescription("Shown as ¥1,500.");

      const refund = screen.getByLabelText("Refund cutoff (hours before the start)");
      expect(refund).toHaveValue(24);
      expect(refund).toHaveAccessibleDescription(/^Refunds until 24 hours before the start: a paid booking cancelled by its person before then is refunded in full, later not\./);
      change("Refund cutoff (hours before the start)", "48");
      expect(refund).toHaveAccessibleDescription(/^Refunds until 48 hours before the start/);
      await user.click(screen.getByRole("button", { name: "Create event" }));

      expect(await screen.findByText("Event created.")).toBeInTheDocument();
      const body = api.callsTo(CREATE)[0].body;
      expect(body.refund_until_hours).toBe(48);
      expect(body.sessions.map(({ price: amount, currency: code }) => [amount, code])).toEqual([
        [4_500_050, "INR"],
        [1500, "JPY"],
      ]);
    });

    it("checks prices and the cutoff before sending", async () => {
      const { user, api } = renderCreate();
      fillQuickly();
      change("Session 1 price", "12.345");
      change("Refund cutoff (hours before the start)", "");
      await user.click(screen.getByRole("button", { name: "Create event" }));
      expect(screen.getByLabelText("Session 1 price")).toHaveAccessibleDescription("Use at most 2 decimals for INR.");
      expect(screen.getByLabelText("Refund cutoff (hours before the start)")).toHaveAccessibleDescription(
        expect.stringContaining("Enter how many hours before the start refunds end (0: until the start)."),
      );
      change("Session 1 price", "-5");
      await user.click(screen.getByRole("button", { name: "Create event" }));
      expect(screen.getByLabelText("Session 1 price")).toHaveAccessibleDescription("The price can't be negative.");
      expect(api.callsTo(CREATE)).toHaveLength(0);
    });

    it("puts the server's price, currency and cutoff refusals beside their fields", async () => {
      const { user } = renderCreate({
        [CREATE]: () =>
          apiError(400, "validation_error", "Invalid input.", {
            refund_until_hours: ["Must be between 0 and 8760."],
            sessions: { 0: { price: ["Must be at most 10000000."], currency: ["Unknown currency."] } },
          }),
      });
      fillQuickly();
      change("Session 1 price", "800");
      await user.click(screen.getByRole("button", { name: "Create event" }));
      await waitFor(() => expect(screen.getByLabelText("Session 1 price")).toHaveAccessibleDescription(expect.stringContaining("Must be at most 10000000.")));
      expect(screen.getByLabelText("Session 1 currency")).toHaveAccessibleDescription("Unknown currency.");
      expect(screen.getByLabelText("Refund cutoff (hours before the start)")).toHaveAccessibleDescription(expect.stringContaining("Must be between 0 and 8760."));
    });
  });
});
