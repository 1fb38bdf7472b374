import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { viewerInZone } from "../../../test/viewer-zone.js";
import { paths, patterns } from "../../../lib/paths.js";
import { ZONE, event, session } from "../test-fixtures.js";
import { ManageEventPage } from "./ManageEventPage.jsx";

const BASE = "/api/facilitator/2/events/1";
const GET = `GET main ${BASE}`;
const PATCH = `PATCH main ${BASE}`;
const ADD = `POST main ${BASE}/sessions`;
const CANCEL = `DELETE main ${BASE}`;

// 09:00–10:30 in Kolkata on 15 January 2031 (04:30–06:00 in Berlin).
const theSession = session({ id: 11, starts_at: "2031-01-15T03:30:00+00:00", ends_at: "2031-01-15T05:00:00+00:00", capacity: 10, seats_taken: 3 });
const theEvent = event({ id: 1, sessions: [theSession] });

/** A fake main API holding one event that PATCH and POST .../sessions change. */
function eventApi(handlers = {}) {
  let current = theEvent;
  return fakeApi({
    [GET]: () => ok(current),
    [`GET main ${BASE}/questions`]: () => ok({ items: [] }),
    [PATCH]: ({ body }) => {
      current = { ...current, ...body };
      return ok(current);
    },
    [ADD]: ({ body }) => {
      const added = session({ id: 12, ...body, seats_taken: 0 });
      current = { ...current, sessions: [...current.sessions, added] };
      return reply(201, added);
    },
    [CANCEL]: () => {
      const told = current.sessions.reduce((sum, s) => sum + s.seats_taken, 0);
      current = { ...current, status: "cancelled", sessions: current.sessions.map((s) => ({ ...s, status: "cancelled", seats_taken: 0 })) };
      return ok({ event: current, bookings_cancelled: told });
    },
    ...handlers,
  });
}

function renderPage(api = eventApi()) {
  return renderApp(<ManageEventPage />, { route: paths.facilitatorEvent(1), path: patterns.facilitatorEvent, api, as: "facilitator" });
}

const timeField = (label) => screen.getByLabelText(new RegExp(`^${label} \\(`));
const setValue = (label, value) => fireEvent.change(timeField(label), { target: { value } });
const editForm = () => screen.getByRole("region", { name: "Edit event" });

describe("ManageEventPage", () => {
  viewerInZone("Europe/Berlin");

  it("shows the event's sessions in its zone and the edit form filled in", async () => {
    renderPage();
    expect(await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" })).toBeInTheDocument();
    expect(document.title).toBe("Morning Vinyasa Flow · Sessions & Retreats");
    expect(screen.getByText(/Times in Asia\/Kolkata, IST/)).toBeInTheDocument();
    const row = screen.getAllByRole("row")[1];
    expect(within(row).getAllByRole("cell")[0]).toHaveTextContent(/09:00.*10:30.* IST \(04:30.*06:00.* your time, CET\)$/);
    expect(within(row).getByRole("link", { name: /^Manage session/ })).toHaveAttribute("href", "/facilitator/sessions/11");

    const form = editForm();
    expect(within(form).getByLabelText("Title")).toHaveValue("Morning Vinyasa Flow");
    expect(within(form).getByLabelText("Kind")).toHaveValue("session");
    expect(within(form).getByRole("combobox", { name: "Time zone" })).toHaveValue(ZONE);
  });

  it("shows how each session's emails stand, failed ones marked, and nothing for a session without counts", async () => {
    const other = session({ id: 12, starts_at: "2031-01-22T03:30:00+00:00", ends_at: "2031-01-22T05:00:00+00:00" });
    const third = session({ id: 13, starts_at: "2031-01-29T03:30:00+00:00", ends_at: "2031-01-29T05:00:00+00:00" });
    const withEmails = event({
      id: 1,
      sessions: [{ ...theSession, emails: { sent: 12, pending: 1, failed: 0 } }, { ...other, emails: { sent: 3, pending: 0, failed: 2 } }, third],
    });
    renderPage(fakeApi({ [GET]: () => ok(withEmails) }));
    await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" });
    const [first, second, last] = screen.getAllByRole("row").slice(1).map((row) => within(row).getAllByRole("cell")[0]);
    expect(first.querySelector(".email-counts")).toHaveTextContent("Emails: 12 sent · 1 pending · 0 failed");
    expect(within(first).getByText("0 failed")).not.toHaveClass("email-failed");
    expect(second.querySelector(".email-counts")).toHaveTextContent("Emails: 3 sent · 0 pending · 2 failed");
    expect(within(second).getByText("2 failed")).toHaveClass("email-failed");
    expect(last.querySelector(".email-counts")).toBeNull();
  });

  it("changes the zone: says how the next session will read, sends only the zone, and shows the times in the new one", async () => {
    const api = eventApi();
    const { user } = renderPage(api);
    await screen.findByRole("heading", { name: "Edit event" });
    const zone = within(editForm()).getByRole("combobox", { name: "Time zone" });
    await user.selectOptions(zone, "Europe/Berlin");
    expect(zone).toHaveAccessibleDescription(/stays at the same moment/);
    expect(zone).toHaveAccessibleDescription(/09:00.*10:30.* IST will read .*04:30.*06:00.* CET\.$/);

    await user.click(within(editForm()).getByRole("button", { name: "Save event" }));
    expect(await screen.findByText(/^Event updated\. The \d+ people booked in sessions ahead are being emailed the change\.$/)).toBeInTheDocument();
    expect(api.callsTo(PATCH).map((call) => call.body)).toEqual([{ timezone: "Europe/Berlin" }]);
    // The same instants, now read on Berlin's clocks, with no "your time" for a viewer there.
    await waitFor(() => expect(screen.getByText(/Times in Europe\/Berlin, CET/)).toBeInTheDocument());
    const cell = within(screen.getAllByRole("row")[1]).getAllByRole("cell")[0];
    expect(cell).toHaveTextContent(/04:30.*06:00.* CET$/);
    expect(cell).not.toHaveTextContent("your time");
    expect(timeField("Starts at")).toHaveAccessibleName(/^Starts at \(Europe\/Berlin, CE/);
  });

  it("sends only the fields that changed, trimmed, and says when nothing did", async () => {
    const api = eventApi();
    const { user } = renderPage(api);
    await screen.findByRole("heading", { name: "Edit event" });
    await user.click(within(editForm()).getByRole("button", { name: "Save event" }));
    expect(within(editForm()).getByRole("status")).toHaveTextContent("Nothing to save: no field has changed.");
    expect(api.callsTo(PATCH)).toHaveLength(0);

    const title = within(editForm()).getByLabelText("Title");
    await user.clear(title);
    await user.type(title, "  Evening Flow ");
    await user.selectOptions(within(editForm()).getByLabelText("Kind"), "retreat");
    await user.click(within(editForm()).getByRole("button", { name: "Save event" }));
    expect(await screen.findByText(/^Event updated\./)).toBeInTheDocument();
    expect(api.callsTo(PATCH)[0].body).toEqual({ title: "Evening Flow", kind: "retreat" });
  });

  it("shows the server's refusal of a zone beside the field", async () => {
    const api = eventApi({ [PATCH]: () => apiError(400, "validation_error", "Invalid input: timezone.", { timezone: ["Unknown time zone."] }) });
    const { user } = renderPage(api);
    await screen.findByRole("heading", { name: "Edit event" });
    const zone = within(editForm()).getByLabelText("Time zone");
    await user.selectOptions(zone, "America/New_York");
    await user.click(within(editForm()).getByRole("button", { name: "Save event" }));
    await waitFor(() => expect(zone).toHaveAttribute("aria-invalid", "true"));
    expect(zone).toHaveAccessibleDescription(expect.stringContaining("Unknown time zone."));
  });

  it("adds a session whose times are on the event's clocks", async () => {
    const api = eventApi();
    const { user } = renderPage(api);
    await screen.findByRole("heading", { name: "Add a session" });
    expect(timeField("Starts at")).toHaveAccessibleName(/^Starts at \(Asia\/Kolkata, IST\)$/);
    setValue("Starts at", "2031-01-22T09:00");
    setValue("Ends at", "2031-01-22T10:30");
    await user.type(within(screen.getByRole("region", { name: "Add a session" })).getByLabelText("Capacity"), "8");
    await user.click(screen.getByRole("button", { name: "Add session" }));

    expect(await screen.findByText(/^Session added: .*09:00.*10:30.* IST \(04:30.*06:00.* your time, CET\)\.$/)).toBeInTheDocument();
    expect(api.callsTo(ADD)[0].body).toEqual({ starts_at: "2031-01-22T03:30:00.000Z", ends_at: "2031-01-22T05:00:00.000Z", capacity: 8, price: 0, currency: "INR" });
    expect(timeField("Starts at")).toHaveValue("");
    await waitFor(() => expect(screen.getAllByRole("row")).toHaveLength(3));
  });

  it("checks a new session before sending it", async () => {
    const api = eventApi();
    const { user } = renderPage(api);
    await screen.findByRole("heading", { name: "Add a session" });
    setValue("Starts at", "2031-01-22T09:00");
    setValue("Ends at", "2031-01-22T08:00");
    await user.click(screen.getByRole("button", { name: "Add session" }));
    expect(timeField("Ends at")).toHaveAccessibleDescription("The end must be after the start.");
    expect(within(screen.getByRole("region", { name: "Add a session" })).getByLabelText("Capacity")).toHaveAttribute("aria-invalid", "true");
    expect(api.callsTo(ADD)).toHaveLength(0);
  });

  it("explains an event that doesn't exist", async () => {
    renderPage(fakeApi({ [GET]: () => apiError(404, "event_not_found", "Event 1 does not exist.") }));
    expect(await screen.findByRole("alert")).toHaveTextContent("This event doesn't exist.");
  });

  describe("cancelling, apart at the foot of the page", () => {
    const cancelArea = () => screen.getByRole("region", { name: "Cancel this event" });

    it("comes last, after the everyday forms, and says who will be told", async () => {
      renderPage();
      await screen.findByRole("heading", { name: "Edit event" });
      const headings = screen.getAllByRole("heading", { level: 2 }).map((heading) => heading.textContent);
      expect(headings).toEqual(["Sessions", "Edit event", "Questions", "Add a session", "Repeat weekly", "Cancel this event"]);
      const button = within(cancelArea()).getByRole("button", { name: "Cancel event" });
      expect(button).toHaveAccessibleDescription(/can't be undone\. 3 people booked will be emailed that it is cancelled/);
    });

    it("cancels after confirming with a reason, then says how many are being emailed and closes the forms", async () => {
      const api = eventApi();
      const { user } = renderPage(api);
      await screen.findByRole("heading", { name: "Cancel this event" });
      await user.click(within(cancelArea()).getByRole("button", { name: "Cancel event" }));
      let dialog = screen.getByRole("dialog", { name: "Cancel this event?" });
      expect(dialog).toHaveTextContent("Morning Vinyasa Flow and all its sessions will be cancelled.");
      expect(dialog).toHaveTextContent("3 people booked will be emailed that it is cancelled, with your reason if you give one.");
      await user.click(within(dialog).getByRole("button", { name: "Keep event" }));
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
      expect(within(cancelArea()).getByRole("button", { name: "Cancel event" })).toHaveFocus();
      expect(api.callsTo(CANCEL)).toHaveLength(0);

      await user.keyboard("{Enter}");
      dialog = screen.getByRole("dialog", { name: "Cancel this event?" });
      await user.type(within(dialog).getByLabelText("Reason (shown to attendees)"), "Studio flooded");
      await user.click(within(dialog).getByRole("button", { name: "Cancel event" }));
      const done = await screen.findByText("Event cancelled. 3 people are being emailed.");
      await waitFor(() => expect(done.closest(".flash")).toHaveFocus());
      expect(api.callsTo(CANCEL).map((call) => call.body)).toEqual([{ reason: "Studio flooded" }]);
      expect(await screen.findByText("This event has been cancelled.")).toBeInTheDocument();
      expect(screen.queryByRole("region", { name: "Cancel this event" })).not.toBeInTheDocument();
      expect(within(editForm()).getByLabelText("Title")).toBeDisabled();
      expect(screen.getByText("This event is cancelled, so no session can be added.")).toBeInTheDocument();
      expect(screen.queryByRole("region", { name: "Repeat weekly" })).not.toBeInTheDocument();
    });

    it("says who is being emailed when a live update shows the event cancelled before the answer arrives", async () => {
      const cancelled = { ...theEvent, status: "cancelled", sessions: [{ ...theSession, status: "cancelled", seats_taken: 0 }] };
      const api = eventApi();
      const { user, queryClient } = renderPage(api);
      await screen.findByRole("heading", { name: "Cancel this event" });
      api.on({
        [CANCEL]: async () => {
          api.on({ [GET]: () => ok(cancelled) }); // what the page reads once the stream tells it
          await queryClient.invalidateQueries();
          await screen.findByText("This event has been cancelled."); // the dialog is gone before the answer
          return ok({ event: cancelled, bookings_cancelled: 3 });
        },
      });
      await user.click(within(cancelArea()).getByRole("button", { name: "Cancel event" }));
      await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Cancel event" }));
      expect(await screen.findByText("Event cancelled. 3 people are being emailed.")).toBeInTheDocument();
    });

    it("says nobody will be emailed when no one has booked", async () => {
      const empty = event({ id: 1, sessions: [{ ...theSession, seats_taken: 0, seats_left: 10 }] });
      const { user } = renderPage(fakeApi({ [GET]: () => ok(empty) }));
      await screen.findByRole("heading", { name: "Cancel this event" });
      expect(cancelArea()).toHaveTextContent("Nobody has booked yet.");
      await user.click(within(cancelArea()).getByRole("button", { name: "Cancel event" }));
      expect(screen.getByRole("dialog")).toHaveTextContent("Nobody has booked yet.");
    });

    it("keeps the dialog open with the server's refusal", async () => {
      const api = eventApi({ [CANCEL]: () => apiError(409, "event_cancelled", "This event is already cancelled.") });
      const { user } = renderPage(api);
      await screen.findByRole("heading", { name: "Cancel this event" });
      await user.click(within(cancelArea()).getByRole("button", { name: "Cancel event" }));
      await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Cancel event" }));
      expect(await within(screen.getByRole("dialog")).findByRole("alert")).toHaveTextContent("This event is already cancelled.");
    });

    it("is not offered for an event that is over", async () => {
      const past = session({ id: 11, starts_at: "2020-01-15T03:30:00+00:00", ends_at: "2020-01-15T05:00:00+00:00" });
      renderPage(fakeApi({ [GET]: () => ok(event({ id: 1, sessions: [past] })) }));
      await screen.findByRole("heading", { name: "Edit event" });
      expect(screen.queryByRole("region", { name: "Cancel this event" })).not.toBeInTheDocument();
    });
  });

  it("edits the title, location and zone together and shows them saved", async () => {
    const api = eventApi();
    const { user } = renderPage(api);
    await screen.findByRole("heading", { name: "Edit event" });
    const title = within(editForm()).getByLabelText("Title");
    await user.clear(title);
    await user.type(title, "Evening Flow");
    const location = within(editForm()).getByLabelText("Location");
    await user.clear(location);
    await user.type(location, "Rooftop, Indiranagar");
    await user.selectOptions(within(editForm()).getByLabelText("Time zone"), "Europe/Berlin");
    await user.click(within(editForm()).getByRole("button", { name: "Save event" }));
    expect(await screen.findByText("Event updated. The 3 people booked in sessions ahead are being emailed the change.")).toBeInTheDocument();
    expect(api.callsTo(PATCH)[0].body).toEqual({ title: "Evening Flow", location: "Rooftop, Indiranagar", timezone: "Europe/Berlin" });
    expect(await screen.findByRole("heading", { level: 1, name: "Evening Flow" })).toBeInTheDocument();
    expect(screen.getByText("Session · Rooftop, Indiranagar · Times in Europe/Berlin, CET")).toBeInTheDocument();
    expect(within(editForm()).getByLabelText("Title")).toHaveValue("Evening Flow");
  });

  describe("prices and refunds", () => {
    const addForm = () => screen.getByRole("region", { name: "Add a session" });

    it("shows what each paid session's bookings paid, owe and got back, and nothing for a free one", async () => {
      const paid = { ...theSession, price: 4_500_000, payments: { paid: 9_000_000, pending: 4_500_000, refunded: 0 } };
      const free = session({ id: 12, starts_at: "2031-01-22T03:30:00+00:00", ends_at: "2031-01-22T05:00:00+00:00" });
      renderPage(fakeApi({ [GET]: () => ok(event({ id: 1, sessions: [paid, free] })) }));
      await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" });
      const [first, second] = screen.getAllByRole("row").slice(1).map((row) => within(row).getAllByRole("cell")[0]);
      expect(first.querySelector(".payment-counts")).toHaveTextContent("₹90,000 paid · ₹45,000 pending · ₹0 refunded");
      expect(second.querySelector(".payment-counts")).toBeNull();
    });

    it("adds a paid session in the currency of the event's latest one", async () => {
      const inDollars = event({ id: 1, sessions: [{ ...theSession, price: 2500, currency: "USD" }] });
      const api = eventApi({ [GET]: () => ok(inDollars) });
      const { user } = renderPage(api);
      await screen.findByRole("heading", { name: "Add a session" });
      expect(within(addForm()).getByLabelText("Currency")).toHaveValue("USD");
      setValue("Starts at", "2031-01-22T09:00");
      setValue("Ends at", "2031-01-22T10:30");
      fireEvent.change(within(addForm()).getByLabelText("Capacity"), { target: { value: "8" } });
      fireEvent.change(within(addForm()).getByLabelText("Price"), { target: { value: "19.99" } });
      expect(within(addForm()).getByLabelText("Price")).toHaveAccessibleDescription("Shown as $19.99.");
      await user.click(screen.getByRole("button", { name: "Add session" }));
      await screen.findByText(/^Session added: /);
      expect(api.callsTo(ADD)[0].body).toMatchObject({ capacity: 8, price: 1999, currency: "USD" });
      expect(within(addForm()).getByLabelText("Price")).toHaveValue("");
      expect(within(addForm()).getByLabelText("Currency")).toHaveValue("USD");
    });

    it("checks a new session's price, and shows the server's price and currency refusals beside them", async () => {
      const api = eventApi({ [ADD]: () => apiError(400, "validation_error", "Invalid input.", { price: ["Must be at most 10000000."], currency: ["Unknown currency."] }) });
      const { user } = renderPage(api);
      await screen.findByRole("heading", { name: "Add a session" });
      setValue("Starts at", "2031-01-22T09:00");
      setValue("Ends at", "2031-01-22T10:30");
      fireEvent.change(within(addForm()).getByLabelText("Capacity"), { target: { value: "8" } });
      fireEvent.change(within(addForm()).getByLabelText("Price"), { target: { value: "800.123" } });
      await user.click(screen.getByRole("button", { name: "Add session" }));
      expect(within(addForm()).getByLabelText("Price")).toHaveAccessibleDescription("Use at most 2 decimals for INR.");
      expect(api.callsTo(ADD)).toHaveLength(0);

      fireEvent.change(within(addForm()).getByLabelText("Price"), { target: { value: "800" } });
      await user.click(screen.getByRole("button", { name: "Add session" }));
      await waitFor(() => expect(within(addForm()).getByLabelText("Price")).toHaveAccessibleDescription(expect.stringContaining("Must be at most 10000000.")));
      expect(within(addForm()).getByLabelText("Currency")).toHaveAccessibleDescription("Unknown currency.");
    });

    it("changes the refund cutoff alone", async () => {
      const api = eventApi();
      const { user } = renderPage(api);
      await screen.findByRole("heading", { name: "Edit event" });
      const refund = within(editForm()).getByLabelText("Refund cutoff (hours before the start)");
      expect(refund).toHaveValue(24);
      fireEvent.change(refund, { target: { value: "72" } });
      expect(refund).toHaveAccessibleDescription(/^Refunds until 72 hours before the start/);
      await user.click(within(editForm()).getByRole("button", { name: "Save event" }));
      expect(await screen.findByText("Event updated.")).toBeInTheDocument();
      expect(api.callsTo(PATCH).map((call) => call.body)).toEqual([{ refund_until_hours: 72 }]);
      expect(refund).toHaveValue(72);
    });

    it("changes the late-cancel cutoff alone", async () => {
      const api = eventApi();
      const { user } = renderPage(api);
      await screen.findByRole("heading", { name: "Edit event" });
      const late = within(editForm()).getByLabelText("Late cancel cutoff (hours before the start)");
      expect(late).toHaveValue(12);
      fireEvent.change(late, { target: { value: "24" } });
      await user.click(within(editForm()).getByRole("button", { name: "Save event" }));
      expect(await screen.findByText("Event updated.")).toBeInTheDocument();
      expect(api.callsTo(PATCH).map((call) => call.body)).toEqual([{ late_cancel_hours: 24 }]);
    });

    it("shows the server's refusal of the cutoff beside it", async () => {
      const api = eventApi({ [PATCH]: () => apiError(400, "validation_error", "Invalid input.", { refund_until_hours: ["Must be between 0 and 8760."] }) });
      const { user } = renderPage(api);
      await screen.findByRole("heading", { name: "Edit event" });
      fireEvent.change(within(editForm()).getByLabelText("Refund cutoff (hours before the start)"), { target: { value: "100" } });
      await user.click(within(editForm()).getByRole("button", { name: "Save event" }));
      await waitFor(() =>
        expect(within(editForm()).getByLabelText("Refund cutoff (hours before the start)")).toHaveAccessibleDescription(expect.stringContaining("Must be between 0 and 8760.")),
      );
    });
  });
});
