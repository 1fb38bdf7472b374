import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { paths, patterns } from "../../../lib/paths.js";
import { ZONE, inDays, session } from "../test-fixtures.js";
import { notTakenText } from "./AttendanceCell.jsx";
import { SessionPage } from "./SessionPage.jsx";
import { walkInRefusal } from "./WalkInForm.jsx";

const BASE = "/api/facilitator/2/sessions/9";
const REGISTRANTS = `GET main ${BASE}/registrants`;
const FIGURES = `GET main ${BASE}/attendance`;
const FEEDBACK = `GET main ${BASE}/feedback`;
const WALK_IN = `POST main ${BASE}/walk-ins`;
const correctPath = (bookingId) => `PUT main ${BASE}/attendance/${bookingId}`;
const HISTORY = "GET main /api/facilitator/2/people/5/attendance";
const MINUTE = 60_000;

const over = session({ id: 9, starts_at: inDays(-1), ends_at: inDays(-1, 1), capacity: 10, seats_taken: 2 });
/** A session that started 20 minutes ago and ends in 40: check-in is open. */
const today = session({ id: 9, starts_at: new Date(Date.now() - 20 * MINUTE).toISOString(), ends_at: new Date(Date.now() + 40 * MINUTE).toISOString(), seats_taken: 1 });

const person = (overrides) => ({ email: "x@example.com", booked_at: inDays(-3), status: "active", seats: 1, guests: [], cancelled_at: null, cancel_reason: null, attendance: null, ...overrides });
const registrants = (theSession = over, items = null) => ({
  session: theSession,
  event: { id: 1, title: "Morning Vinyasa Flow", kind: "session", location: "Lotus Studio", timezone: ZONE },
  active: 2,
  items: items ?? [
    person({ booking_id: 1, name: "Asha Rao", user_id: 4, attendance: "attended" }),
    person({ booking_id: 2, name: "Ravi Kumar", user_id: 5, attendance: "no_show" }),
  ],
  waiting: [],
});
const figures = (overrides = {}) => ({ session_id: 9, booked: 2, checked_in: 1, attended: 1, no_shows: 1, walk_ins: 0, late_cancels: 1, closed: true, average_rating: 4.5, ...overrides });
const feedback = {
  count: 2,
  average: 4.5,
  items: [
    { booking_id: 1, name: "Asha Rao", rating: 5, comment: "Lovely, calm class", at: inDays(0) },
    { booking_id: 3, name: "Meera Iyer", rating: 4, comment: null, at: inDays(-1) },
  ],
};

function renderSession(handlers = {}, data = registrants()) {
  const api = fakeApi({ [REGISTRANTS]: () => ok(data), [FIGURES]: () => ok(figures()), [FEEDBACK]: () => ok(feedback), ...handlers });
  return renderApp(<SessionPage />, { route: paths.facilitatorSession(9), path: patterns.facilitatorSession, api, as: "facilitator" });
}

const figure = (label) => screen.getByText(label, { selector: "dt" }).nextElementSibling;

describe("SessionPage: the day and after it", () => {
  it("shows the figures, each registrant's attendance and the feedback of a closed session", async () => {
    renderSession();
    const section = await screen.findByRole("region", { name: "Attendance" });
    await within(section).findByText("Booked");
    expect(figure("Checked in")).toHaveTextContent("1");
    expect(figure("No-shows")).toHaveTextContent("1");
    expect(figure("Late cancels")).toHaveTextContent("1");
    expect(figure("Average rating")).toHaveTextContent("4.5 ★");
    expect(section).toHaveTextContent("Attendance is set");

    const rows = screen.getAllByRole("row");
    expect(within(rows[0]).getAllByRole("columnheader").at(-1)).toHaveTextContent("Attendance");
    expect(within(rows[1]).getByText("Attended")).toBeInTheDocument();
    expect(within(rows[2]).getByRole("button", { name: "Mark attended" })).toBeInTheDocument();

    const given = await screen.findByRole("region", { name: "Feedback" });
    expect(within(given).getByText("2 ratings, 4.5 out of 5 on average")).toBeInTheDocument();
    expect(within(given).getByRole("img", { name: "5 out of 5 stars" })).toBeInTheDocument();
    expect(within(given).getByText("Lovely, calm class")).toBeInTheDocument();
  });

  it("corrects a no-show and reads the figures again", async () => {
    const { user, api } = renderSession({ [correctPath(2)]: () => ok({ booking_id: 2, attendance: "attended" }) });
    const row = (await screen.findByRole("button", { name: "Mark attended" })).closest("tr");
    expect(row).toHaveTextContent("Ravi Kumar");
    api.on({ [FIGURES]: () => ok(figures({ attended: 2, no_shows: 0 })) });
    await user.click(within(row).getByRole("button", { name: "Mark attended" }));
    await waitFor(() => expect(figure("No-shows")).toHaveTextContent("0"));
    expect(api.callsTo(correctPath(2))[0].body).toEqual({ attendance: "attended" });
  });

  it("says attendance is not set yet when the server has not closed the session", async () => {
    const { user } = renderSession({ [correctPath(1)]: () => apiError(409, "attendance_not_taken", "Not closed.") });
    await user.click(await screen.findByRole("button", { name: "Mark no-show" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(notTakenText());
  });

  it("offers no corrections and no feedback before the session closes", async () => {
    renderSession({ [FIGURES]: () => ok(figures({ closed: false, attended: 0, no_shows: 0, average_rating: null })) }, registrants(over, [person({ booking_id: 1, name: "Asha Rao", user_id: 4 })]));
    const section = await screen.findByRole("region", { name: "Attendance" });
    await within(section).findByText(/session closes 15 minutes after its end/);
    expect(figure("Average rating")).toHaveTextContent("—");
    expect(screen.queryByRole("columnheader", { name: "Attendance" })).not.toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Feedback" })).not.toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Add a walk-in" })).not.toBeInTheDocument(); // check-in is over
  });

  it("opens a person's history from their name", async () => {
    const history = {
      user_id: 5,
      name: "Ravi Kumar",
      email: "ravi@example.com",
      booked: 3,
      attended: 1,
      no_shows: 1,
      late_cancels: 1,
      items: [
        { booking_id: 2, session_id: 9, title: "Morning Vinyasa Flow", starts_at: inDays(-1), status: "active", seats: 1, attendance: "no_show", late_cancel: false },
        { booking_id: 7, session_id: 8, title: "Yin Yoga", starts_at: inDays(-8), status: "cancelled", seats: 2, attendance: null, late_cancel: true },
      ],
    };
    const { user } = renderSession({ [HISTORY]: () => ok(history) });
    await user.click(await screen.findByRole("button", { name: "Ravi Kumar" }));
    const dialog = screen.getByRole("dialog", { name: "Ravi Kumar's attendance" });
    const visits = await within(dialog).findAllByRole("listitem");
    expect(visits[0]).toHaveTextContent(/Morning Vinyasa Flow · .* · No-show/);
    expect(visits[1]).toHaveTextContent(/Yin Yoga · .* · Cancelled late \(2 seats\)/);
    expect(within(dialog).getByText("Late cancels").nextElementSibling).toHaveTextContent("1");
    expect(within(dialog).getByRole("button", { name: "Close" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Ravi Kumar" })).toHaveFocus();
  });

  describe("walk-ins", () => {
    const open = (overrides) => registrants({ ...today, ...overrides }, [person({ booking_id: 1, name: "Asha Rao", user_id: 4 })]);
    const notClosed = { [FIGURES]: () => ok(figures({ closed: false, attended: 0, no_shows: 0 })) };

    it("books and checks in someone at the door while check-in is open", async () => {
      const { user, api } = renderSession({ ...notClosed, [WALK_IN]: () => reply(201, { booking_id: 12, user_id: 30, new_account: true, result: { status: "checked_in" } }) }, open());
      const form = await screen.findByRole("region", { name: "Add a walk-in" });
      expect(within(form).queryByLabelText(/Paid at the door/)).not.toBeInTheDocument(); // a free session
      await user.click(within(form).getByRole("button", { name: "Add and check in" }));
      expect(within(form).getByLabelText("Name")).toHaveFocus();
      expect(within(form).getByText("Give their name.")).toBeInTheDocument();

      await user.type(within(form).getByLabelText("Name"), "Kiran Das");
      await user.type(within(form).getByLabelText("Email"), "kiran@example.com");
      await user.click(within(form).getByRole("button", { name: "Add and check in" }));
      expect(await within(form).findByRole("status")).toHaveTextContent(/^Kiran Das is booked and checked in\. A new account was made for kiran@example\.com/);
      expect(api.callsTo(WALK_IN)[0].body).toEqual({ name: "Kiran Das", email: "kiran@example.com" });
      expect(within(form).getByLabelText("Name")).toHaveValue("");
      await waitFor(() => expect(api.callsTo(REGISTRANTS).length).toBeGreaterThan(1)); // the lists are read again
    });

    it("sends a walk-in's name in another script when one is typed", async () => {
      const { user, api } = renderSession({ ...notClosed, [WALK_IN]: () => reply(201, { booking_id: 13, user_id: 31, new_account: true, result: { status: "checked_in" } }) }, open());
      const form = await screen.findByRole("region", { name: "Add a walk-in" });
      const otherName = within(form).getByLabelText("Name in another script (optional)");
      expect(otherName).toHaveAccessibleDescription(/Devanagari or Latin letters: the studio finds them by either/);
      await user.type(within(form).getByLabelText("Name"), "Priya Sharma");
      await user.type(otherName, "प्रिया शर्मा");
      await user.type(within(form).getByLabelText("Email"), "priya@example.com");
      await user.click(within(form).getByRole("button", { name: "Add and check in" }));
      expect(await within(form).findByRole("status")).toHaveTextContent(/^Priya Sharma is booked and checked in\./);
      expect(api.callsTo(WALK_IN)[0].body).toEqual({ name: "Priya Sharma", other_name: "प्रिया शर्मा", email: "priya@example.com" });
      expect(otherName).toHaveValue("");
    });

    it("asks whether a paid session's walk-in paid at the door", async () => {
      const { user, api } = renderSession({ ...notClosed, [WALK_IN]: () => reply(201, { booking_id: 12, user_id: 4, new_account: false, result: { status: "already_checked_in" } }) }, open({ price: 50000 }));
      const form = await screen.findByRole("region", { name: "Add a walk-in" });
      await user.type(within(form).getByLabelText("Name"), "Asha Rao");
      await user.type(within(form).getByLabelText("Email"), "asha@example.com");
      await user.click(within(form).getByLabelText(/Paid at the door/));
      await user.click(within(form).getByRole("button", { name: "Add and check in" }));
      expect(await within(form).findByRole("status")).toHaveTextContent("Asha Rao was already checked in.");
      expect(api.callsTo(WALK_IN)[0].body).toEqual({ name: "Asha Rao", email: "asha@example.com", paid_at_door: true });
    });

    it.each(["session_full", "already_booked", "payment_needed", "not_a_person", "checkin_closed"])("says clearly why a walk-in was refused: %s", async (code) => {
      const { user } = renderSession({ ...notClosed, [WALK_IN]: () => apiError(409, code, "Refused.") }, open());
      const form = await screen.findByRole("region", { name: "Add a walk-in" });
      await user.type(within(form).getByLabelText("Name"), "Kiran Das");
      await user.type(within(form).getByLabelText("Email"), "kiran@example.com");
      await user.click(within(form).getByRole("button", { name: "Add and check in" }));
      expect(await within(form).findByRole("alert")).toHaveTextContent(walkInRefusal(code));
      expect(within(form).getByLabelText("Name")).toHaveValue("Kiran Das"); // kept for another try
    });

    it("shows a field the server refused beside it", async () => {
      const { user } = renderSession({ ...notClosed, [WALK_IN]: () => apiError(400, "validation_error", "Invalid input.", { email: ["Not a valid email address."] }) }, open());
      const form = await screen.findByRole("region", { name: "Add a walk-in" });
      await user.type(within(form).getByLabelText("Name"), "Kiran Das");
      await user.type(within(form).getByLabelText("Email"), "kiran@example.co");
      await user.click(within(form).getByRole("button", { name: "Add and check in" }));
      expect(await within(form).findByText("Not a valid email address.")).toBeInTheDocument();
    });
  });
});
