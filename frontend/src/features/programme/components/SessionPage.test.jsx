import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { apiError, fakeApi, ok, rateLimited, reply } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { formatDateTime, formatEventRange, fromZonedInput, toZonedInput } from "../../../lib/format.js";
import { paths, patterns } from "../../../lib/paths.js";
import { ZONE, inDays, session, storedToken, waitingPerson } from "../test-fixtures.js";
import { viewerInZone } from "../../../test/viewer-zone.js";
import { SessionPage } from "./SessionPage.jsx";

const BASE = "/api/facilitator/2/sessions/9";
const REGISTRANTS = `GET main ${BASE}/registrants`;
const PATCH = `PATCH main ${BASE}`;
const CANCEL = `POST main ${BASE}/cancel`;
const MESSAGE = `POST main ${BASE}/message`;
const FIGURES = `GET main ${BASE}/attendance`;
const figures = (overrides = {}) => ({ session_id: 9, booked: 2, checked_in: 0, attended: 0, no_shows: 0, walk_ins: 0, late_cancels: 0, closed: false, average_rating: null, ...overrides });

const theSession = session({ id: 9, starts_at: inDays(5), ends_at: inDays(5, 2), capacity: 10, seats_taken: 2 });
const registrants = (overrides = {}) => ({
  session: theSession,
  event: { id: 1, title: "Morning Vinyasa Flow", kind: "session", location: "Lotus Studio", timezone: ZONE, facilitator: { id: 2, name: "Dr. Priya Sharma" } },
  active: 2,
  items: [
    { booking_id: 1, name: "Asha Rao", email: "asha@example.com", user_id: 4, booked_at: inDays(-2), status: "active", cancelled_at: null, cancel_reason: null },
    { booking_id: 2, name: "Ravi Kumar", email: "ravi@example.com", user_id: 5, booked_at: inDays(-1), status: "active", cancelled_at: null, cancel_reason: null },
    { booking_id: 3, name: "Meera Iyer", email: "meera@example.com", user_id: 6, booked_at: inDays(-1), status: "cancelled", cancelled_at: inDays(-1), cancel_reason: "Travelling" },
  ],
  ...overrides,
});

function renderSession(handlers = {}, data = registrants()) {
  const api = fakeApi({ [REGISTRANTS]: () => ok(data), [FIGURES]: () => ok(figures()), ...handlers });
  return renderApp(<SessionPage />, { route: paths.facilitatorSession(9), path: patterns.facilitatorSession, api, as: "facilitator" });
}

/** "Starts at" / "Ends at", whatever zone the label names after it. */
const timeField = (label) => screen.getByLabelText(new RegExp(`^${label} \\(`));
const setValue = (label, value) => fireEvent.change(timeField(label), { target: { value } });
/** A datetime-local value in the event's zone. */
const wall = (iso) => toZonedInput(iso, ZONE);

describe("SessionPage", () => {
  it("shows the session and its registrants", async () => {
    renderSession();
    expect(await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" })).toBeInTheDocument();
    expect(document.title).toBe("Morning Vinyasa Flow · Sessions & Retreats");
    expect(screen.getByRole("link", { name: "← My events" })).toHaveAttribute("href", "/facilitator");
    expect(screen.getByRole("link", { name: "Check-in" })).toHaveAttribute("href", "/facilitator/sessions/9/checkin");
    expect(screen.getByRole("heading", { level: 2, name: "Registrants" })).toBeInTheDocument();
    expect(screen.getByText("2 active bookings, 1 cancelled")).toBeInTheDocument();

    const rows = screen.getAllByRole("row");
    expect(within(rows[0]).getAllByRole("columnheader").map((th) => th.textContent)).toEqual(["Name", "Email", "Seats", "Booked at", "Status", "Payment"]);
    expect(within(rows[1]).getByText("Asha Rao")).toBeInTheDocument();
    expect(within(rows[1]).getByRole("link", { name: "asha@example.com" })).toHaveAttribute("href", "mailto:asha@example.com");
    expect(within(rows[3]).getByText("Cancelled")).toBeInTheDocument();
    expect(within(rows[3]).getByText("Reason: Travelling")).toBeInTheDocument();
  });

  it("shows how the emails to its attendees stand, when the API says", async () => {
    renderSession({}, registrants({ session: { ...theSession, emails: { sent: 5, pending: 1, failed: 2 } } }));
    const emails = (await screen.findByText("Emails to attendees")).nextElementSibling;
    expect(emails).toHaveTextContent("Emails: 5 sent · 1 pending · 2 failed");
    expect(within(emails).getByText("2 failed")).toHaveClass("email-failed");
  });

  it("says when no one has registered", async () => {
    renderSession({}, registrants({ active: 0, items: [], session: { ...theSession, seats_taken: 0, seats_left: 10 } }));
    expect(await screen.findByText("No one has registered yet.")).toBeInTheDocument();
  });

  it("explains a session that doesn't exist", async () => {
    renderSession({ [REGISTRANTS]: () => apiError(404, "session_not_found", "Session 9 does not exist.") });
    expect(await screen.findByRole("alert")).toHaveTextContent("This session doesn't exist.");
  });

  describe("CSV download", () => {
    let clicked;
    beforeEach(() => {
      clicked = [];
      URL.createObjectURL = vi.fn(() => "blob:registrants");
      URL.revokeObjectURL = vi.fn();
      vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function click() {
        clicked.push({ href: this.href, download: this.download });
      });
    });
    afterEach(() => vi.restoreAllMocks());

    it("fetches the CSV with the token and saves it under a clear name", async () => {
      const { user, api } = renderSession({ [`GET main ${BASE}/registrants.csv`]: () => ok("booking_id,name\r\n1,Asha Rao\r\n") });
      await user.click(await screen.findByRole("button", { name: "Download CSV" }));
      await waitFor(() => expect(clicked).toHaveLength(1));
      const [call] = api.callsTo(`GET main ${BASE}/registrants.csv`);
      expect(call.headers.Authorization).toBe(`Bearer ${storedToken()}`);
      expect(clicked[0]).toEqual({ href: "blob:registrants", download: "registrants-session-9.csv" });
      const blob = URL.createObjectURL.mock.calls[0][0];
      expect(await blob.text()).toContain("Asha Rao");
    });

    it("shows why a download failed", async () => {
      const { user } = renderSession({ [`GET main ${BASE}/registrants.csv`]: () => apiError(403, "forbidden", "This session belongs to another facilitator.") });
      await user.click(await screen.findByRole("button", { name: "Download CSV" }));
      expect(await screen.findByRole("alert")).toHaveTextContent("This session belongs to another facilitator.");
      expect(clicked).toHaveLength(0);
    });
  });

  describe("editing", () => {
    it("starts from the session's values and sends only what changed", async () => {
      const sent = [];
      const { user } = renderSession({ [PATCH]: ({ body }) => (sent.push(body), ok({ ...theSession, capacity: 12, seats_left: 10 })) });
      await screen.findByRole("heading", { name: "Edit session" });
      expect(timeField("Starts at")).toHaveValue(wall(theSession.starts_at));
      expect(timeField("Ends at")).toHaveValue(wall(theSession.ends_at));
      expect(timeField("Starts at")).toHaveAccessibleName("Starts at (Asia/Kolkata, IST)");
      await user.clear(screen.getByLabelText("Capacity"));
      await user.type(screen.getByLabelText("Capacity"), "12");
      await user.click(screen.getByRole("button", { name: "Save changes" }));
      expect(await screen.findByText("Session updated.")).toBeInTheDocument();
      expect(sent).toEqual([{ capacity: 12 }]);
    });

    it("sets how many seats one booking may take", async () => {
      const sent = [];
      const { user } = renderSession({ [PATCH]: ({ body }) => (sent.push(body), ok({ ...theSession, max_seats_per_booking: 2 })) });
      await screen.findByRole("heading", { name: "Edit session" });
      const seats = screen.getByLabelText("Seats per booking");
      expect(seats).toHaveValue(6);
      await user.clear(seats);
      await user.type(seats, "60");
      await user.click(screen.getByRole("button", { name: "Save changes" }));
      expect(await screen.findByText("A whole number from 1 to 50.")).toBeInTheDocument();
      await user.clear(seats);
      await user.type(seats, "2");
      await user.click(screen.getByRole("button", { name: "Save changes" }));
      expect(await screen.findByText("Session updated.")).toBeInTheDocument();
      expect(sent).toEqual([{ max_seats_per_booking: 2 }]);
    });

    it("switches the waiting list to offers and sends only those settings", async () => {
      const sent = [];
      const saved = { ...theSession, waitlist_mode: "offer", offer_minutes: 30, auto_until_hours: 6 };
      const { user } = renderSession({ [PATCH]: ({ body }) => (sent.push(body), ok(saved)) });
      await screen.findByRole("heading", { name: "Edit session" });
      expect(screen.queryByLabelText(/^Offer stands for/)).not.toBeInTheDocument();
      await user.selectOptions(screen.getByLabelText("The first person waiting"), "offer");
      const minutes = screen.getByLabelText(/^Offer stands for/);
      await user.clear(minutes);
      await user.type(minutes, "3");
      await user.click(screen.getByRole("button", { name: "Save changes" }));
      expect(minutes).toHaveAttribute("aria-invalid", "true");
      expect(sent).toEqual([]);
      await user.type(minutes, "0");
      await user.type(screen.getByLabelText(/^Book at once until/), "6");
      await user.click(screen.getByRole("button", { name: "Save changes" }));
      expect(await screen.findByText("Session updated.")).toBeInTheDocument();
      expect(sent).toEqual([{ waitlist_mode: "offer", offer_minutes: 30, auto_until_hours: 6 }]);
    });

    it("keeps the focus on the field in use while saving (pressing Enter in it)", async () => {
      let answer;
      const { user } = renderSession({ [PATCH]: () => new Promise((resolve) => (answer = resolve)) });
      await screen.findByRole("heading", { name: "Edit session" });
      const capacity = screen.getByLabelText("Capacity");
      await user.clear(capacity);
      await user.type(capacity, "12{Enter}");
      expect(await screen.findByRole("button", { name: "Saving…" })).toHaveAttribute("aria-disabled", "true");
      expect(capacity).not.toBeDisabled(); // not disabled under the person's fingers, which would drop the focus
      expect(capacity).toHaveFocus();
      answer(ok({ ...theSession, capacity: 12, seats_left: 10 }));
      expect(await screen.findByText("Session updated.")).toBeInTheDocument();
      expect(capacity).toHaveFocus();
    });

    it("says so, without a success message, when nothing has changed", async () => {
      const { user, api } = renderSession();
      await screen.findByRole("heading", { name: "Edit session" });
      await user.click(screen.getByRole("button", { name: "Save changes" }));
      const note = screen.getByText("Nothing to save: no field has changed.");
      expect(note).toHaveAttribute("role", "status");
      expect(note).not.toHaveClass("alert-success");
      expect(api.callsTo(PATCH)).toHaveLength(0);
    });

    it("sends a moved start as an ISO time", async () => {
      const sent = [];
      const newStart = wall(inDays(6));
      const { user } = renderSession({ [PATCH]: ({ body }) => (sent.push(body), ok(theSession)) });
      await screen.findByRole("heading", { name: "Edit session" });
      setValue("Starts at", newStart);
      setValue("Ends at", wall(inDays(6, 1)));
      await user.click(screen.getByRole("button", { name: "Save changes" }));
      await screen.findByText("Session updated. The 2 people booked are being emailed the new time.");
      expect(sent).toEqual([{ starts_at: new Date(inDays(6)).toISOString(), ends_at: new Date(inDays(6, 1)).toISOString() }]);
    });

    it("says nothing of emails when a moved session has nobody booked", async () => {
      const empty = { ...theSession, seats_taken: 0, seats_left: 10 };
      const { user } = renderSession({ [PATCH]: () => ok(empty) }, registrants({ active: 0, items: [], session: empty }));
      await screen.findByRole("heading", { name: "Edit session" });
      setValue("Starts at", wall(inDays(6)));
      setValue("Ends at", wall(inDays(6, 1)));
      await user.click(screen.getByRole("button", { name: "Save changes" }));
      expect(await screen.findByText("Session updated.")).toBeInTheDocument();
    });

    it("checks an end before the start without asking the server", async () => {
      const { user, api } = renderSession();
      await screen.findByRole("heading", { name: "Edit session" });
      setValue("Ends at", wall(inDays(4)));
      await user.click(screen.getByRole("button", { name: "Save changes" }));
      const ends = timeField("Ends at");
      expect(ends).toHaveAttribute("aria-invalid", "true");
      expect(ends).toHaveAccessibleDescription("The end must be after the start.");
      await waitFor(() => expect(ends).toHaveFocus());
      expect(api.callsTo(PATCH)).toHaveLength(0);
    });

    it("won't go below the seats already taken", async () => {
      const { user, api } = renderSession();
      await screen.findByRole("heading", { name: "Edit session" });
      await user.clear(screen.getByLabelText("Capacity"));
      await user.type(screen.getByLabelText("Capacity"), "1");
      await user.click(screen.getByRole("button", { name: "Save changes" }));
      expect(screen.getByText("2 people have already booked this session, so the capacity can't be lower than 2.")).toBeInTheDocument();
      expect(api.callsTo(PATCH)).toHaveLength(0);
    });

    it("shows the server's 400 beside the field it names", async () => {
      const { user } = renderSession({
        [PATCH]: () => apiError(400, "validation_error", "Invalid input: starts_at: Must be in the future.", { starts_at: ["Must be in the future."] }),
      });
      await screen.findByRole("heading", { name: "Edit session" });
      setValue("Starts at", wall(inDays(1)));
      await user.click(screen.getByRole("button", { name: "Save changes" }));
      const starts = timeField("Starts at");
      await waitFor(() => expect(starts).toHaveAccessibleDescription("Must be in the future."));
      expect(starts).toHaveAttribute("aria-invalid", "true");
    });

    it("shows the server's message when bookings arrived meanwhile (409 capacity_below_bookings)", async () => {
      const message = "4 seats are already taken; the capacity cannot go below 4.";
      const { user, api } = renderSession({
        [PATCH]: () => apiError(409, "capacity_below_bookings", message, { capacity: ["Must be at least 4."] }),
      });
      await screen.findByRole("heading", { name: "Edit session" });
      await user.clear(screen.getByLabelText("Capacity"));
      await user.type(screen.getByLabelText("Capacity"), "3");
      await user.click(screen.getByRole("button", { name: "Save changes" }));
      const capacity = screen.getByLabelText("Capacity");
      await waitFor(() => expect(capacity).toHaveAttribute("aria-invalid", "true"));
      expect(screen.getByText(message)).toBeInTheDocument();
      await waitFor(() => expect(api.callsTo(REGISTRANTS).length).toBeGreaterThan(1));
    });

    it("can't edit a cancelled session", async () => {
      renderSession({}, registrants({ session: { ...theSession, status: "cancelled", seats_taken: 0 } }));
      expect(await screen.findByText("This session is cancelled, so it can no longer be changed.")).toBeInTheDocument();
      expect(screen.getByLabelText("Capacity")).toBeDisabled();
      expect(screen.getByRole("button", { name: "Save changes" })).toBeDisabled();
      expect(screen.queryByRole("button", { name: "Cancel session" })).not.toBeInTheDocument();
    });
  });

  describe("cancelling", () => {
    it("tells how many people will be emailed; Keep session sends nothing", async () => {
      const { user, api } = renderSession();
      await user.click(await screen.findByRole("button", { name: "Cancel session" }));
      const dialog = screen.getByRole("dialog", { name: "Cancel this session?" });
      expect(dialog).toHaveTextContent(`The session on ${formatEventRange(theSession.starts_at, theSession.ends_at, ZONE)} will be cancelled.`);
      expect(dialog).toHaveTextContent("2 people booked will be emailed that it is cancelled, with your reason if you give one.");
      await user.click(within(dialog).getByRole("button", { name: "Keep session" }));
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
      expect(api.callsTo(CANCEL)).toHaveLength(0);
    });

    it("says nobody has booked when that is so", async () => {
      const { user } = renderSession({}, registrants({ active: 0, items: [], session: { ...theSession, seats_taken: 0 } }));
      await user.click(await screen.findByRole("button", { name: "Cancel session" }));
      expect(screen.getByRole("dialog")).toHaveTextContent("Nobody has booked this session yet.");
    });

    it("speaks of one person in the singular", async () => {
      const { user } = renderSession({}, registrants({ active: 1, session: { ...theSession, seats_taken: 1 } }));
      await user.click(await screen.findByRole("button", { name: "Cancel session" }));
      expect(screen.getByRole("dialog")).toHaveTextContent("1 person booked will be emailed that it is cancelled, with your reason if you give one.");
    });

    it("cancels with the reason and confirms how many are being emailed", async () => {
      let cancelled = false;
      const { user, api } = renderSession({
        [REGISTRANTS]: () => ok(cancelled ? registrants({ active: 0, session: { ...theSession, status: "cancelled", seats_taken: 0 } }) : registrants()),
        [CANCEL]: () => {
          cancelled = true;
          return ok({ session: { ...theSession, status: "cancelled" }, bookings_cancelled: 2 });
        },
      });
      await user.click(await screen.findByRole("button", { name: "Cancel session" }));
      const dialog = screen.getByRole("dialog");
      await user.type(within(dialog).getByLabelText("Reason (shown to attendees)"), "Teacher is ill");
      await user.click(within(dialog).getByRole("button", { name: "Cancel session" }));
      const done = await screen.findByText("Session cancelled. 2 people are being emailed.");
      await waitFor(() => expect(done.closest(".flash")).toHaveFocus());
      expect(api.callsTo(CANCEL)[0].body).toEqual({ reason: "Teacher is ill" });
      await waitFor(() => expect(screen.queryByRole("button", { name: "Cancel session" })).not.toBeInTheDocument());
      expect(screen.getByLabelText("Capacity")).toBeDisabled();
    });

    it("says nobody had booked rather than that 0 people are being emailed", async () => {
      const { user } = renderSession(
        { [CANCEL]: () => ok({ session: { ...theSession, status: "cancelled" }, bookings_cancelled: 0 }) },
        registrants({ active: 0, items: [], session: { ...theSession, seats_taken: 0 } }),
      );
      await user.click(await screen.findByRole("button", { name: "Cancel session" }));
      await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Cancel session" }));
      expect(await screen.findByText("Session cancelled. Nobody had booked.")).toBeInTheDocument();
    });

    it("keeps the dialog open with the server's message when cancelling fails", async () => {
      const { user } = renderSession({ [CANCEL]: () => apiError(409, "session_cancelled", "This session is already cancelled.") });
      await user.click(await screen.findByRole("button", { name: "Cancel session" }));
      await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Cancel session" }));
      expect(await within(screen.getByRole("dialog")).findByRole("alert")).toHaveTextContent("This session is already cancelled.");
      // The focus stayed in the dialog while it worked, so Escape still closes it.
      expect(screen.getByRole("dialog")).toContainElement(document.activeElement);
      await user.keyboard("{Escape}");
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    });
  });

  describe("as a facilitator in Europe/Berlin with an event in Asia/Kolkata", () => {
    viewerInZone("Europe/Berlin");
    const winter = session({ id: 9, starts_at: "2031-01-15T03:30:00+00:00", ends_at: "2031-01-15T05:00:00+00:00", capacity: 10, seats_taken: 2 });
    const data = () => registrants({ session: winter, items: registrants().items.map((item) => ({ ...item, booked_at: "2031-01-10T08:00:00+00:00" })) });

    it("shows the session in IST with the viewer's time beside it, and when people booked in the viewer's zone", async () => {
      renderSession({}, data());
      const when = (await screen.findByText("When")).nextElementSibling;
      expect(when).toHaveTextContent(/09:00.*10:30.* IST \(04:30.*06:00.* your time, CET\)$/);
      expect(within(screen.getAllByRole("row")[1]).getByText(/09:00.* CET$/)).toBeInTheDocument();
    });

    it("edits the times on the event's clocks, not the viewer's", async () => {
      const sent = [];
      const { user } = renderSession({ [PATCH]: ({ body }) => (sent.push(body), ok(winter)) }, data());
      await screen.findByRole("heading", { name: "Edit session" });
      expect(timeField("Starts at")).toHaveValue("2031-01-15T09:00");
      setValue("Starts at", "2031-01-15T08:00");
      await user.click(screen.getByRole("button", { name: "Save changes" }));
      await screen.findByText("Session updated. The 2 people booked are being emailed the new time.");
      expect(sent).toEqual([{ starts_at: "2031-01-15T02:30:00.000Z" }]);
      expect(fromZonedInput("2031-01-15T08:00", ZONE)).toBe("2031-01-15T02:30:00.000Z");
    });
  });

  describe("waiting list", () => {
    const full = { ...theSession, capacity: 2, seats_left: 0 };
    const line = [
      waitingPerson({ position: 1, name: "Kiran Rao", email: "kiran@example.com", joined_at: "2031-01-10T08:00:00+00:00" }),
      waitingPerson({ position: 2, name: "Lata Menon", email: "lata@example.com", joined_at: "2031-01-11T18:45:00+00:00" }),
    ];

    describe("seen from Europe/Berlin", () => {
      viewerInZone("Europe/Berlin");

      it("lists who waits, in order, with when they joined on the viewer's clock, as booked-at times", async () => {
        renderSession({}, registrants({ session: full, waiting: line }));
        const region = await screen.findByRole("region", { name: "Waiting list" });
        expect(region).toHaveTextContent("2 people are waiting for a seat; the first in line gets the next one that frees.");
        const rows = within(region).getAllByRole("row");
        expect(within(rows[0]).getAllByRole("columnheader").map((th) => th.textContent)).toEqual(["Position", "Name", "Email", "Joined at"]);
        expect(rows.slice(1).map((row) => within(row).getAllByRole("cell").map((cell) => cell.textContent))).toEqual([
          ["1", "Kiran Rao", "kiran@example.com", formatDateTime("2031-01-10T08:00:00+00:00", { label: true })],
          ["2", "Lata Menon", "lata@example.com", formatDateTime("2031-01-11T18:45:00+00:00", { label: true })],
        ]);
        expect(rows[2]).toHaveTextContent(/(Jan 11, 2031|11 Jan 2031), (19:45|07:45 PM) CET$/); // Berlin's evening
        expect(within(rows[1]).getByRole("link", { name: "kiran@example.com" })).toHaveAttribute("href", "mailto:kiran@example.com");
        expect((await screen.findByText("Waiting")).nextElementSibling).toHaveTextContent("2");
      });
    });

    it("says so when nobody waits (and when the API sends no list)", async () => {
      renderSession({}, registrants({ waiting: undefined }));
      const region = await screen.findByRole("region", { name: "Waiting list" });
      expect(region).toHaveTextContent("Nobody is waiting.");
      expect(within(region).queryByRole("table")).not.toBeInTheDocument();
    });

    it("speaks of one person in the singular", async () => {
      renderSession({}, registrants({ session: full, waiting: [line[0]] }));
      expect(await screen.findByText(/^1 person is waiting for a seat/)).toBeInTheDocument();
    });
  });

  describe("messaging the registrants", () => {
    const region = () => screen.getByRole("region", { name: "Message registrants" });
    async function write(user, subject = "Bring a blanket", text = "The hall is cold in the mornings.") {
      await screen.findByRole("heading", { name: "Message registrants" });
      if (subject) await user.type(within(region()).getByLabelText("Subject"), subject);
      if (text) await user.type(within(region()).getByLabelText("Message"), text);
    }

    it("confirms, sends subject and text, and says how many it went to", async () => {
      const { user, api } = renderSession({ [MESSAGE]: () => reply(202, { recipients: 2 }) });
      await write(user, "  Bring a blanket ", "The hall is cold in the mornings.\nSee you there. ");
      await user.click(within(region()).getByRole("button", { name: "Send to 2 people" }));
      const dialog = screen.getByRole("dialog", { name: "Send this message?" });
      expect(dialog).toHaveTextContent("Bring a blanket will be emailed to the 2 people booked in this session. It can't be taken back once sent.");
      expect(api.callsTo(MESSAGE)).toHaveLength(0);
      await user.click(within(dialog).getByRole("button", { name: "Send to 2 people" }));

      expect(await within(region()).findByRole("status")).toHaveTextContent("Sent to 2 people.");
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
      const [call] = api.callsTo(MESSAGE);
      expect(call.body).toEqual({ subject: "Bring a blanket", text: "The hall is cold in the mornings.\nSee you there." });
      expect(call.headers.Authorization).toBe(`Bearer ${storedToken()}`);
      expect(within(region()).getByLabelText("Subject")).toHaveValue("");
      expect(within(region()).getByLabelText("Message")).toHaveValue("");
    });

    it("says the number the server counted, in the singular too", async () => {
      const { user } = renderSession({ [MESSAGE]: () => reply(202, { recipients: 1 }) });
      await write(user);
      await user.click(within(region()).getByRole("button", { name: "Send to 2 people" }));
      await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Send to 2 people" }));
      expect(await screen.findByText("Sent to 1 person.")).toBeInTheDocument();
    });

    it("sends nothing when the person keeps editing", async () => {
      const { user, api } = renderSession();
      await write(user);
      await user.click(within(region()).getByRole("button", { name: "Send to 2 people" }));
      await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Keep editing" }));
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
      expect(within(region()).getByLabelText("Subject")).toHaveValue("Bring a blanket");
      expect(within(region()).getByRole("button", { name: "Send to 2 people" })).toHaveFocus();
      expect(api.callsTo(MESSAGE)).toHaveLength(0);
    });

    it("needs a subject and a message, without asking the server", async () => {
      const { user, api } = renderSession();
      await write(user, "   ", "");
      await user.click(within(region()).getByRole("button", { name: "Send to 2 people" }));
      const subject = within(region()).getByLabelText("Subject");
      expect(subject).toHaveAccessibleDescription("Give the message a subject.");
      expect(within(region()).getByLabelText("Message")).toHaveAccessibleDescription(/Write the message\.$/);
      await waitFor(() => expect(subject).toHaveFocus());
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
      expect(api.callsTo(MESSAGE)).toHaveLength(0);
    });

    it("holds the subject and the message to the server's limits", async () => {
      renderSession();
      await screen.findByRole("heading", { name: "Message registrants" });
      expect(within(region()).getByLabelText("Subject")).toHaveAttribute("maxLength", "200");
      expect(within(region()).getByLabelText("Message")).toHaveAttribute("maxLength", "5000");
      expect(within(region()).getByLabelText("Message")).toHaveAccessibleDescription("Plain text, up to 5,000 characters.");
    });

    it("shows the server's 400 details beside the fields they name", async () => {
      const details = { subject: ["Must not contain line breaks."], text: ["Longer than maximum length 5000."] };
      const { user } = renderSession({ [MESSAGE]: () => apiError(400, "validation_error", "Invalid input: subject, text.", details) });
      await write(user);
      await user.click(within(region()).getByRole("button", { name: "Send to 2 people" }));
      await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Send to 2 people" }));
      const subject = within(region()).getByLabelText("Subject");
      await waitFor(() => expect(subject).toHaveAccessibleDescription("Must not contain line breaks."));
      expect(within(region()).getByLabelText("Message")).toHaveAttribute("aria-invalid", "true");
      expect(within(region()).getByLabelText("Message")).toHaveAccessibleDescription(/Longer than maximum length 5000\.$/);
      await waitFor(() => expect(subject).toHaveFocus());
      expect(within(region()).queryByRole("alert")).not.toBeInTheDocument();
      expect(subject).toHaveValue("Bring a blanket"); // kept, to fix
    });

    it.each([
      [429, "too_many_requests", { "Retry-After": "300" }, "You've sent several messages recently; try again in 5 minutes."],
      [429, "too_many_requests", {}, "You've sent several messages recently; try again later."],
      [409, "session_cancelled", {}, "This session has been cancelled, so its registrants can no longer be messaged."],
      [409, "session_finished", {}, "This session is over, so its registrants can no longer be messaged."],
      [409, "no_recipients", {}, "Nobody is booked in this session any more, so there is no one to message."],
    ])("explains a %i %s", async (status, code, headers, expected) => {
      const answer = status === 429 ? rateLimited("Too many messages.", headers["Retry-After"] ?? null) : apiError(status, code, "Refused.");
      const { user, api } = renderSession({ [MESSAGE]: () => answer });
      await write(user);
      await user.click(within(region()).getByRole("button", { name: "Send to 2 people" }));
      await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Send to 2 people" }));
      expect(await within(region()).findByRole("alert")).toHaveTextContent(`The message was not sent. ${expected}`);
      expect(within(region()).getByLabelText("Subject")).toHaveValue("Bring a blanket");
      // A conflict means the session changed: it is read again, so the page shows how it stands now.
      if (status === 409) await waitFor(() => expect(api.callsTo(REGISTRANTS).length).toBeGreaterThan(1));
    });

    it("is closed, with the reason, when nobody is booked", async () => {
      renderSession({}, registrants({ active: 0, items: [], session: { ...theSession, seats_taken: 0, seats_left: 10 } }));
      await screen.findByRole("heading", { name: "Message registrants" });
      expect(region()).toHaveTextContent("Nobody is booked in this session yet, so there is no one to message.");
      expect(within(region()).getByLabelText("Subject")).toBeDisabled();
      expect(within(region()).getByRole("button", { name: "Send to 0 people" })).toBeDisabled();
    });

    it("is closed for a cancelled session and for one that is over", async () => {
      const { unmount } = renderSession({}, registrants({ session: { ...theSession, status: "cancelled" } }));
      await screen.findByRole("heading", { name: "Message registrants" });
      expect(region()).toHaveTextContent("This session is cancelled, so there is no one to message.");
      expect(within(region()).getByLabelText("Message")).toBeDisabled();
      unmount();

      renderSession({}, registrants({ session: { ...theSession, starts_at: inDays(-2), ends_at: inDays(-2, 1) } }));
      await screen.findByRole("heading", { name: "Message registrants" });
      expect(region()).toHaveTextContent("This session is over, so its registrants can no longer be messaged.");
      expect(within(region()).getByLabelText("Subject")).toBeDisabled();
    });
  });

  describe("payments", () => {
    const paidSession = { ...theSession, price: 4_500_000, payments: { paid: 9_000_000, pending: 4_500_000, refunded: 4_500_000 } };
    const person = (id, overrides) => ({ booking_id: id, name: `Person ${id}`, email: `p${id}@example.com`, user_id: 10 + id, booked_at: inDays(-1), cancelled_at: null, cancel_reason: null, currency: "INR", ...overrides });
    const paidRegistrants = registrants({
      session: paidSession,
      active: 2,
      items: [
        person(1, { status: "active", payment_status: "succeeded", amount_paid: 4_500_000, refund_status: null }),
        person(2, { status: "pending_payment", payment_status: "pending", amount_paid: null, refund_status: null }),
        person(3, { status: "refunded", payment_status: "succeeded", amount_paid: 4_500_000, refund_status: "processed", cancelled_at: inDays(-1) }),
        person(4, { status: "expired", payment_status: "failed", amount_paid: null, refund_status: null }),
        person(5, { status: "expired", payment_status: "pending", amount_paid: null, refund_status: null }),
      ],
    });
    const rowOf = (name) => screen.getByRole("cell", { name }).closest("tr");

    it("shows the price, the sums paid, pending and refunded, and each registrant's payment", async () => {
      renderSession({}, paidRegistrants);
      expect((await screen.findByText("Price", { selector: "dt" })).nextElementSibling).toHaveTextContent(/^₹45,000$/);
      expect(screen.getByText("Payments", { selector: "dt" }).nextElementSibling).toHaveTextContent("₹90,000 paid · ₹45,000 pending · ₹45,000 refunded");
      const payment = (name) => within(rowOf(name)).getAllByRole("cell")[5];
      expect(payment("Person 1")).toHaveTextContent(/^Paid₹45,000$/);
      expect(payment("Person 1")).toHaveAttribute("data-label", "Payment");
      expect(payment("Person 2")).toHaveTextContent(/^Awaiting payment$/);
      expect(within(rowOf("Person 2")).getAllByRole("cell")[4]).toHaveTextContent(/^Pending$/);
      expect(payment("Person 3")).toHaveTextContent(/^Refunded₹45,000$/);
      expect(within(rowOf("Person 3")).getAllByRole("cell")[4]).toHaveTextContent(/^Refunded/);
      expect(payment("Person 4")).toHaveTextContent(/^Declined$/);
      expect(within(rowOf("Person 4")).getAllByRole("cell")[4]).toHaveTextContent(/^Payment declined$/);
      expect(within(rowOf("Person 5")).getAllByRole("cell")[4]).toHaveTextContent(/^Hold expired$/);
    });

    it("shows a free session as Free, with no sums and a dash for each registrant", async () => {
      renderSession();
      expect((await screen.findByText("Price", { selector: "dt" })).nextElementSibling).toHaveTextContent(/^Free$/);
      expect(screen.queryByText("Payments")).not.toBeInTheDocument();
      expect(within(rowOf("Asha Rao")).getAllByRole("cell")[5]).toHaveTextContent(/^—$/);
    });

    it("starts from the price in major units and sends a new one in minor units", async () => {
      const sent = [];
      const { user } = renderSession({ [PATCH]: ({ body }) => (sent.push(body), ok({ ...paidSession, price: 4_500_050 })) }, paidRegistrants);
      await screen.findByRole("heading", { name: "Edit session" });
      const price = screen.getByLabelText("Price");
      expect(price).toHaveValue("45000");
      expect(screen.getByLabelText("Currency")).toHaveValue("INR");
      // The same price written differently is no change.
      fireEvent.change(price, { target: { value: "45000.00" } });
      await user.click(screen.getByRole("button", { name: "Save changes" }));
      expect(screen.getByText("Nothing to save: no field has changed.")).toBeInTheDocument();
      fireEvent.change(price, { target: { value: "45000.5" } });
      await user.click(screen.getByRole("button", { name: "Save changes" }));
      expect(await screen.findByText("Session updated.")).toBeInTheDocument();
      expect(sent).toEqual([{ price: 4_500_050 }]);
      expect(price).toHaveValue("45000.50");
    });

    it("makes a session free with a blank price, and changes its currency", async () => {
      const sent = [];
      const { user } = renderSession({ [PATCH]: ({ body }) => (sent.push(body), ok({ ...paidSession, ...body })) }, paidRegistrants);
      await screen.findByRole("heading", { name: "Edit session" });
      fireEvent.change(screen.getByLabelText("Price"), { target: { value: "" } });
      await user.selectOptions(screen.getByLabelText("Currency"), "EUR");
      await user.click(screen.getByRole("button", { name: "Save changes" }));
      await screen.findByText("Session updated.");
      expect(sent).toEqual([{ price: 0, currency: "EUR" }]);
    });

    it("explains beside the price that it can't change while someone is paying (409 payments_pending)", async () => {
      const { user } = renderSession({ [PATCH]: () => apiError(409, "payments_pending", "A payment for this session is pending.") }, paidRegistrants);
      await screen.findByRole("heading", { name: "Edit session" });
      fireEvent.change(screen.getByLabelText("Price"), { target: { value: "50000" } });
      await user.click(screen.getByRole("button", { name: "Save changes" }));
      const price = screen.getByLabelText("Price");
      await waitFor(() => expect(price).toHaveAttribute("aria-invalid", "true"));
      expect(price).toHaveAccessibleDescription(expect.stringContaining("Someone is paying for this session right now: the price can't change until their payment goes through or their hold ends."));
      await waitFor(() => expect(price).toHaveFocus());
    });

    it("says cancelling refunds everyone who paid", async () => {
      const { user } = renderSession({}, paidRegistrants);
      await user.click(await screen.findByRole("button", { name: "Cancel session" }));
      expect(screen.getByRole("dialog", { name: "Cancel this session?" })).toHaveTextContent(/emailed that it is cancelled, with your reason if you give one\. Everyone who paid is refunded in full\./);
    });

    it("checks the price before sending it, and shows the server's price refusal beside it", async () => {
      const { user, api } = renderSession({ [PATCH]: () => apiError(400, "validation_error", "Invalid input.", { price: ["Must be at most 10000000."] }) }, paidRegistrants);
      await screen.findByRole("heading", { name: "Edit session" });
      fireEvent.change(screen.getByLabelText("Price"), { target: { value: "-1" } });
      await user.click(screen.getByRole("button", { name: "Save changes" }));
      expect(screen.getByLabelText("Price")).toHaveAccessibleDescription("The price can't be negative.");
      expect(api.callsTo(PATCH)).toHaveLength(0);
      fireEvent.change(screen.getByLabelText("Price"), { target: { value: "99999" } });
      await user.click(screen.getByRole("button", { name: "Save changes" }));
      await waitFor(() => expect(screen.getByLabelText("Price")).toHaveAccessibleDescription(expect.stringContaining("Must be at most 10000000.")));
    });
  });
});
