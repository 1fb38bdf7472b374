import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { fakeApi, ok, reply } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { makeStudio, studioList } from "../../../test/studios.js";
import { MyHoursPage } from "./MyHoursPage.jsx";
import { PrivateServicesPage } from "./PrivateServicesPage.jsx";
import { PrivatesBoardPage } from "./PrivatesBoardPage.jsx";

const BASE = "/api/studios/lotus-yoga";
const BOARD = `GET main ${BASE}/appointments`;
const SERVICES = "GET main /api/public/studios/lotus-yoga/appointment-services";
const SLOTS = "GET main /api/public/studios/lotus-yoga/appointment-services/4/slots";

const meera = { id: 7, name: "Meera" };
const ravi = { id: 8, name: "Ravi" };
const service = { id: 4, name: "Private yoga", duration_minutes: 60, price: 150000, credits: 2, online: false, location: "Room 2", active: true, teachers: [meera, ravi], currency: "INR" };
// Thursday 3 December 2026 in Kolkata: Meera's private at 09:00, Ravi's class at 10:30.
const board = {
  timezone: "Asia/Kolkata",
  from: "2026-12-03",
  days: 1,
  teachers: [meera, ravi],
  appointments: [
    { id: 9, session_id: 30, teacher_id: 7, starts_at: "2026-12-03T03:30:00+00:00", ends_at: "2026-12-03T04:30:00+00:00", service: { id: 4, name: "Private yoga" }, client: { id: 50, name: "Asha" }, booking: { id: 55, status: "active", with_pass: true } },
  ],
  classes: [{ session_id: 31, teacher_id: 8, starts_at: "2026-12-03T05:00:00+00:00", ends_at: "2026-12-03T06:00:00+00:00", title: "Morning Flow" }],
};
const slots = { timezone: "Asia/Kolkata", items: [{ starts_at: "2026-12-03T08:30:00+00:00", ends_at: "2026-12-03T09:30:00+00:00", teacher: ravi }] };

function staffApi(role, handlers = {}) {
  return fakeApi({ "GET main /api/studios": () => ok(studioList(makeStudio(role))), [BOARD]: () => ok(board), [SERVICES]: () => ok({ items: [service] }), [SLOTS]: () => ok(slots), ...handlers });
}

/** A stand-in for the desk's client picker: one button that picks Asha with her pack. */
const picker = ({ client, onPick }) => (client ? <p>{client.name}</p> : <button type="button" onClick={() => onPick({ id: 50, name: "Asha", passes: [{ id: 21, name: "5-class pack", credits_left: 3 }] })}>Pick Asha</button>);
const method = () => <p>methods</p>;

const renderBoard = (role, handlers) =>
  renderApp(<PrivatesBoardPage renderClientPicker={picker} renderMethod={method} />, { route: paths.privatesBoard, api: staffApi(role, handlers), as: USERS.user, studios: true });

describe("the privates board", () => {
  it("shows each teacher's day with their privates and classes, and moves one to a free slot", async () => {
    const { user, api } = renderBoard("manager", { [`POST main ${BASE}/appointments/9/move`]: () => ok({ id: 9 }) });
    const meeras = await screen.findByRole("region", { name: "Meera on Thursday, December 3, 2026" });
    expect(within(meeras).getByText("Private yoga")).toBeInTheDocument();
    expect(within(meeras).getByText("Booked with a pass")).toBeInTheDocument();
    expect(within(screen.getByRole("region", { name: "Ravi on Thursday, December 3, 2026" })).getByRole("link", { name: "Morning Flow" })).toHaveAttribute("href", paths.facilitatorSession(31));
    await user.click(within(meeras).getByRole("button", { name: "Move Asha's Private yoga" }));
    await user.selectOptions(await within(meeras).findByRole("combobox", { name: "Teacher" }), "");
    await user.click(await screen.findByRole("button", { name: /02:00 pm with Ravi/i }));
    await user.click(screen.getByRole("button", { name: /^Move to/ }));
    expect(await screen.findByText(/^Moved/)).toBeInTheDocument();
    expect(api.callsTo(`POST main ${BASE}/appointments/9/move`)[0].body).toEqual({ starts_at: slots.items[0].starts_at, teacher_id: 8 });
  });

  it("goes a week on and narrows to one teacher", async () => {
    const { user, api } = renderBoard("front_desk");
    await screen.findByRole("region", { name: "Meera on Thursday, December 3, 2026" });
    await user.click(screen.getByRole("button", { name: "Week" }));
    await user.click(await screen.findByRole("button", { name: "Next week" }));
    await user.selectOptions(screen.getByRole("combobox", { name: "Teacher" }), "8");
    expect(await screen.findByRole("region", { name: "Meera on Thursday, December 3, 2026" })).toBeInTheDocument();
    expect(api.callsTo(BOARD).at(-1).query).toEqual({ days: "7", from: "2026-12-10", teacher_id: "8" });
    // A front desk moves but does not cancel (appointments.manage).
    expect(screen.queryByRole("button", { name: /^Cancel/ })).not.toBeInTheDocument();
  });

  it("cancels one for the studio with a reason", async () => {
    const { user, api } = renderBoard("owner", { [`POST main ${BASE}/appointments/9/cancel`]: () => ok({ id: 9 }) });
    await user.click(await screen.findByRole("button", { name: "Cancel Asha's Private yoga" }));
    const dialog = screen.getByRole("dialog");
    await user.type(within(dialog).getByLabelText(/Why/), "Meera is unwell");
    await user.click(within(dialog).getByRole("button", { name: "Cancel it" }));
    expect(api.callsTo(`POST main ${BASE}/appointments/9/cancel`)[0].body).toEqual({ reason: "Meera is unwell" });
  });

  it("books a client in with their pass", async () => {
    const { user, api } = renderBoard("front_desk", { [`POST main ${BASE}/appointments`]: () => reply(201, { id: 60 }) });
    await user.click(await screen.findByRole("button", { name: "Book a client" }));
    const form = await screen.findByRole("form", { name: "Book a client into a private session" });
    await user.click(await within(form).findByRole("button", { name: /02:00 pm with Ravi/i }));
    await user.click(within(form).getByRole("button", { name: "Pick Asha" }));
    expect(within(form).getByRole("radio", { name: "With their pass" })).toBeChecked();
    await user.click(within(form).getByRole("button", { name: /^Book for/ }));
    expect(await within(form).findByText(/Asha is booked for Private yoga/)).toBeInTheDocument();
    expect(api.callsTo(`POST main ${BASE}/appointments`)[0].body).toEqual({ service_id: 4, starts_at: slots.items[0].starts_at, teacher_id: 8, user_id: 50, use: "pass", pass_id: 21 });
  });

  it("shows a teacher their own column, without the desk's tools", async () => {
    renderBoard("instructor");
    await screen.findByRole("region", { name: "Meera on Thursday, December 3, 2026" });
    expect(screen.queryByRole("button", { name: "Book a client" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Move/ })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "My hours and calendar" })).toHaveAttribute("href", paths.myHours);
  });
});

describe("a teacher's hours and calendar", () => {
  const hours = { user_id: 7, hours: [{ weekday: 0, starts: "09:00:00", ends: "12:00:00" }], exceptions: [] };

  it("adds hours on a day, refuses a time ending before it starts, and saves the week", async () => {
    const saved = { ...hours, hours: [...hours.hours, { weekday: 2, starts: "09:00:00", ends: "17:00:00" }] };
    const api = staffApi("instructor", {
      [`GET main ${BASE}/my-hours`]: () => ok(hours),
      [`PUT main ${BASE}/my-hours`]: () => ok(saved),
      [`GET main ${BASE}/my-calendar`]: () => ok({ linked: false }),
    });
    const { user } = renderApp(<MyHoursPage />, { route: paths.myHours, api, as: USERS.user, studios: true });
    expect(await screen.findByLabelText("Monday: from")).toHaveValue("09:00");
    await user.click(screen.getByRole("button", { name: "Add hours on Wednesday" }));
    const ends = screen.getByLabelText("Wednesday: to");
    await user.clear(ends);
    await user.type(ends, "08:00");
    await user.click(screen.getByRole("button", { name: "Save the hours" }));
    expect(screen.getByRole("alert")).toHaveTextContent("end after it starts");
    expect(api.callsTo(`PUT main ${BASE}/my-hours`)).toHaveLength(0);
    await user.clear(ends);
    await user.type(ends, "17:00");
    await user.click(screen.getByRole("button", { name: "Save the hours" }));
    expect(await screen.findByText(/^Saved/)).toBeInTheDocument();
    expect(api.callsTo(`PUT main ${BASE}/my-hours`)[0].body).toEqual({
      hours: [
        { weekday: 0, starts: "09:00", ends: "12:00" },
        { weekday: 2, starts: "09:00", ends: "17:00" },
      ],
      exceptions: [],
    });
  });

  it("links a CalDAV calendar and shows when it was read", async () => {
    const linked = { linked: true, kind: "caldav", host: "cal.example.com", username: "meera", read_at: "2026-12-01T04:00:00+00:00", written_at: null, last_error: null, stale: false };
    let state = { linked: false };
    const api = staffApi("instructor", {
      [`GET main ${BASE}/my-hours`]: () => ok(hours),
      [`GET main ${BASE}/my-calendar`]: () => ok(state),
      [`PUT main ${BASE}/my-calendar`]: () => ok((state = linked)),
    });
    const { user } = renderApp(<MyHoursPage />, { route: paths.myHours, api, as: USERS.user, studios: true });
    const form = await screen.findByRole("form", { name: "Link a calendar" });
    await user.type(within(form).getByLabelText("Address"), "https://cal.example.com/dav/meera/work/");
    await user.type(within(form).getByLabelText("User name"), "meera");
    await user.type(within(form).getByLabelText("Password or app password"), "app-secret");
    await user.click(within(form).getByRole("button", { name: "Link the calendar" }));
    expect(await screen.findByText("Linked: CalDAV (read and written) at cal.example.com.")).toBeInTheDocument();
    expect(api.callsTo(`PUT main ${BASE}/my-calendar`)[0].body).toEqual({ kind: "caldav", url: "https://cal.example.com/dav/meera/work/", username: "meera", password: "app-secret" });
  });
});

describe("the studio's private services", () => {
  it("makes a service with its price, credits and teachers", async () => {
    const api = staffApi("owner", {
      [`GET main ${BASE}/appointment-services`]: () => ok({ items: [] }),
      [`POST main ${BASE}/appointment-services`]: () => reply(201, { ...service, id: 5 }),
      [`GET main ${BASE}/appointment-rules`]: () => ok({ min_notice_minutes: 120, max_days_ahead: 60, cancel_hours: 24 }),
      [`GET main ${BASE}/members`]: () => ok({ items: [{ user_id: 7, name: "Meera", role: "instructor" }, { user_id: 9, name: "Desk", role: "front_desk" }] }),
    });
    const { user } = renderApp(<PrivateServicesPage />, { route: paths.privateServices, api, as: USERS.user, studios: true });
    await user.click(await screen.findByRole("button", { name: "New service" }));
    const form = screen.getByRole("form", { name: "New private service" });
    await user.type(within(form).getByLabelText("Name"), "Ayurveda consultation");
    await user.type(within(form).getByLabelText(/^Price/), "1500.50");
    await user.type(within(form).getByLabelText(/pass credits/), "2");
    expect(within(form).queryByRole("checkbox", { name: "Desk" })).not.toBeInTheDocument();
    await user.click(within(form).getByRole("checkbox", { name: "Meera" }));
    await user.click(within(form).getByRole("button", { name: "Save the service" }));
    const body = api.callsTo(`POST main ${BASE}/appointment-services`)[0].body;
    expect(body).toMatchObject({ name: "Ayurveda consultation", price: 150050, credits: 2, duration_minutes: 60, teachers: [7], active: true, location: null });
    expect(screen.getByLabelText("Least notice, in minutes")).toHaveValue(120);
  });
});
