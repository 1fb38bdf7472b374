/** Who teaches, in a studio: the event, session and series forms offer its members who teach (owners, managers,
 *  instructors) and send the one chosen; a session's page gives that one session a substitute. */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { Route } from "react-router";
import { describe, expect, it } from "vitest";
import { paths, patterns } from "../../../lib/paths.js";
import { toZonedInput } from "../../../lib/format.js";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp, USERS } from "../../../test/render.jsx";
import { makeStudio, studioList } from "../../../test/studios.js";
import { ZONE, event, inDays, session } from "../test-fixtures.js";
import { CreateEventPage } from "./CreateEventPage.jsx";
import { DashboardPage } from "./DashboardPage.jsx";
import { ManageEventPage } from "./ManageEventPage.jsx";
import { SessionPage } from "./SessionPage.jsx";

const BASE = "main /api/studios/lotus-yoga";
const ME = USERS.user; // the studio's owner here, id 7
const MEERA = { id: 20, name: "Meera Rao" };
const MEMBERS = [
  { user_id: ME.id, name: ME.name, email: ME.email, role: "owner", joined_at: inDays(-90) },
  { user_id: 18, name: "Ravi Iyer", email: "ravi@example.com", role: "manager", joined_at: inDays(-60) },
  { user_id: MEERA.id, name: MEERA.name, email: "meera@example.com", role: "instructor", joined_at: inDays(-30) },
  { user_id: 30, name: "Desk Person", email: "desk@example.com", role: "front_desk", joined_at: inDays(-10) },
];
const taught = session({ id: 9, instructor: { id: 18, name: "Ravi Iyer" } });
const theEvent = event({ id: 1, sessions: [taught] });
const registrants = (instructor) => ({
  session: { ...taught, instructor },
  event: { id: 1, title: "Morning Vinyasa Flow", kind: "session", location: "Lotus Studio", timezone: ZONE, facilitator: { id: ME.id, name: ME.name } },
  active: 0,
  items: [],
  waiting: [],
});

function studioApi(handlers = {}) {
  return fakeApi({
    "GET main /api/studios": () => ok(studioList(makeStudio("owner"))),
    [`GET ${BASE}/members`]: () => ok({ items: MEMBERS }),
    [`GET ${BASE}/events`]: () => ok({ items: [], page: 1, per_page: 100, total: 0, pages: 1 }),
    [`GET ${BASE}/events/1`]: () => ok(theEvent),
    [`GET ${BASE}/events/1/questions`]: () => ok({ items: [] }),
    [`GET ${BASE}/sessions/9/attendance`]: () => ok({ session_id: 9, booked: 0, checked_in: 0, attended: 0, no_shows: 0, walk_ins: 0, late_cancels: 0, closed: false, average_rating: null }),
    ...handlers,
  });
}

const render = (ui, route, path, api) => ({ api, ...renderApp(ui, { route, path, api, as: ME, studios: true, routes: <Route path={paths.facilitator} element={<DashboardPage />} /> }) });
const teacherNames = (select) => within(select).getAllByRole("option").map((option) => option.textContent);

describe("choosing who teaches", () => {
  it("offers the studio's teaching members on a new event, me first chosen, and sends the one picked", async () => {
    const api = studioApi({ [`POST ${BASE}/events`]: ({ body }) => reply(201, { ...theEvent, ...body, id: 1 }) });
    const { user } = render(<CreateEventPage />, paths.newEvent, paths.newEvent, api);
    const teacher = await screen.findByRole("combobox", { name: "Teacher" });
    expect(teacherNames(teacher)).toEqual([`${ME.name} (Owner)`, "Ravi Iyer (Manager)", "Meera Rao (Instructor)"]);
    expect(teacher).toHaveValue(String(ME.id));
    await user.selectOptions(teacher, String(MEERA.id));

    await user.type(screen.getByLabelText("Title"), "Evening Yin");
    await user.selectOptions(screen.getByLabelText("Time zone"), ZONE);
    fireEvent.change(screen.getByLabelText(/^Session 1 starts at \(/), { target: { value: toZonedInput(inDays(3), ZONE) } });
    fireEvent.change(screen.getByLabelText(/^Session 1 ends at \(/), { target: { value: toZonedInput(inDays(3, 1), ZONE) } });
    await user.type(screen.getByLabelText("Session 1 capacity"), "12");
    await user.click(screen.getByRole("button", { name: "Add another session" }));
    await user.click(screen.getByRole("button", { name: "Create event" }));

    await waitFor(() => expect(api.callsTo(`POST ${BASE}/events`)).toHaveLength(1));
    const sent = api.callsTo(`POST ${BASE}/events`)[0].body.sessions;
    expect(sent.map((one) => one.instructor_id)).toEqual([MEERA.id, MEERA.id]);
  });

  it("shows the server's refusal of a teacher beside the Teacher field", async () => {
    const refusal = apiError(400, "validation_error", "Invalid input.", { sessions: { 0: { instructor_id: ["Not a member of this studio who teaches (owner, manager or instructor)."] } } });
    const api = studioApi({ [`POST ${BASE}/events`]: () => refusal });
    const { user } = render(<CreateEventPage />, paths.newEvent, paths.newEvent, api);
    const teacher = await screen.findByRole("combobox", { name: "Teacher" });
    await user.type(screen.getByLabelText("Title"), "Evening Yin");
    await user.selectOptions(screen.getByLabelText("Time zone"), ZONE);
    fireEvent.change(screen.getByLabelText(/^Session 1 starts at \(/), { target: { value: toZonedInput(inDays(3), ZONE) } });
    fireEvent.change(screen.getByLabelText(/^Session 1 ends at \(/), { target: { value: toZonedInput(inDays(3, 1), ZONE) } });
    await user.type(screen.getByLabelText("Session 1 capacity"), "12");
    await user.click(screen.getByRole("button", { name: "Create event" }));
    await waitFor(() => expect(teacher).toHaveAccessibleDescription(expect.stringContaining("Not a member of this studio who teaches")));
  });

  it("adds a session and a weekly series taught by the latest session's teacher unless another is chosen", async () => {
    const api = studioApi({
      [`POST ${BASE}/events/1/sessions`]: ({ body }) => reply(201, session({ id: 12, ...body })),
      [`POST ${BASE}/events/1/series`]: () => reply(201, { id: 3, sessions: [session({ id: 13 })] }),
    });
    const { user } = render(<ManageEventPage />, paths.facilitatorEvent(1), patterns.facilitatorEvent, api);
    const addForm = await screen.findByRole("region", { name: "Add a session" });
    const addTeacher = await within(addForm).findByRole("combobox", { name: "Teacher" });
    expect(addTeacher).toHaveValue("18");
    fireEvent.change(within(addForm).getByLabelText(/^Starts at/), { target: { value: toZonedInput(inDays(5), ZONE) } });
    fireEvent.change(within(addForm).getByLabelText(/^Ends at/), { target: { value: toZonedInput(inDays(5, 1), ZONE) } });
    fireEvent.change(within(addForm).getByLabelText("Capacity"), { target: { value: "8" } });
    await user.selectOptions(addTeacher, String(MEERA.id));
    await user.click(within(addForm).getByRole("button", { name: "Add session" }));
    await waitFor(() => expect(api.callsTo(`POST ${BASE}/events/1/sessions`)).toHaveLength(1));
    expect(api.callsTo(`POST ${BASE}/events/1/sessions`)[0].body.instructor_id).toBe(MEERA.id);

    const repeat = screen.getByRole("region", { name: "Repeat weekly" });
    const seriesTeacher = within(repeat).getByRole("combobox", { name: "Teacher" });
    expect(seriesTeacher).toHaveValue("18");
    await user.selectOptions(seriesTeacher, String(MEERA.id));
    fireEvent.change(within(repeat).getByLabelText("First day"), { target: { value: inDays(7).slice(0, 10) } });
    fireEvent.change(within(repeat).getByLabelText("Starts at"), { target: { value: "07:00" } });
    fireEvent.change(within(repeat).getByLabelText("Number of sessions"), { target: { value: "4" } });
    fireEvent.change(within(repeat).getByLabelText("Capacity"), { target: { value: "12" } });
    await user.click(within(repeat).getByRole("button", { name: "Add 4 sessions" }));
    await waitFor(() => expect(api.callsTo(`POST ${BASE}/events/1/series`)).toHaveLength(1));
    expect(api.callsTo(`POST ${BASE}/events/1/series`)[0].body.instructor_id).toBe(MEERA.id);
  });

  it("gives one session a substitute from its page, and names the new teacher", async () => {
    let instructor = { id: 18, name: "Ravi Iyer" };
    const api = studioApi({
      [`GET ${BASE}/sessions/9/registrants`]: () => ok(registrants(instructor)),
      [`PATCH ${BASE}/sessions/9/instructor`]: ({ body }) => {
        instructor = MEERA;
        return ok({ session_id: 9, instructor_id: body.instructor_id });
      },
    });
    const { user } = render(<SessionPage />, paths.facilitatorSession(9), patterns.facilitatorSession, api);
    const section = await screen.findByRole("region", { name: "Teacher" });
    expect(section).toHaveTextContent("Ravi Iyer teaches this session.");
    const select = await within(section).findByRole("combobox", { name: "Taught by" });
    expect(select).toHaveValue("18");
    await user.selectOptions(select, String(MEERA.id));
    await user.click(within(section).getByRole("button", { name: "Save teacher" }));

    expect(await within(section).findByText(/^Meera Rao now teaches this session\./)).toBeInTheDocument();
    expect(api.callsTo(`PATCH ${BASE}/sessions/9/instructor`)[0].body).toEqual({ instructor_id: MEERA.id });
    await waitFor(() => expect(screen.getByRole("region", { name: "Teacher" })).toHaveTextContent("Meera Rao teaches this session."));
  });

  it("hands a weekly series over from this session on when asked", async () => {
    const api = studioApi({
      [`GET ${BASE}/sessions/9/registrants`]: () => ok({ ...registrants({ id: 18, name: "Ravi Iyer" }), session: { ...taught, series_id: 3 } }),
      [`PATCH ${BASE}/sessions/9/instructor`]: ({ body }) => ok({ session_id: 9, instructor_id: body.instructor_id, session_ids: [9, 10, 11] }),
    });
    const { user } = render(<SessionPage />, paths.facilitatorSession(9), patterns.facilitatorSession, api);
    const section = await screen.findByRole("region", { name: "Teacher" });
    await user.selectOptions(await within(section).findByRole("combobox", { name: "Taught by" }), String(MEERA.id));
    await user.click(within(section).getByRole("checkbox", { name: /later sessions of its weekly series/ }));
    await user.click(within(section).getByRole("button", { name: "Save teacher" }));
    expect(await within(section).findByText(/^Meera Rao now teaches this session and the 2 after it in the series\./)).toBeInTheDocument();
    expect(api.callsTo(`PATCH ${BASE}/sessions/9/instructor`)[0].body).toEqual({ instructor_id: MEERA.id, following: true });
  });

  it("gives this and the later sessions of a series another teacher from its series form", async () => {
    const api = studioApi({
      [`GET ${BASE}/sessions/9/registrants`]: () => ok({ ...registrants({ id: 18, name: "Ravi Iyer" }), session: { ...taught, series_id: 3 } }),
      [`PATCH ${BASE}/events/1/series/3`]: () => ok({ series_id: 3, sessions_changed: 3, sessions: [] }),
    });
    const { user } = render(<SessionPage />, paths.facilitatorSession(9), patterns.facilitatorSession, api);
    const section = await screen.findByRole("region", { name: "This and later sessions" });
    const picker = await within(section).findByRole("combobox", { name: "Teacher" });
    expect(picker).toHaveValue("18");
    expect(teacherNames(picker)).toEqual([`${ME.name} (Owner)`, "Ravi Iyer (Manager)", "Meera Rao (Instructor)"]);
    await user.selectOptions(picker, String(MEERA.id));
    await user.click(within(section).getByRole("button", { name: "Change this and later sessions" }));
    expect(await within(section).findByText("3 sessions changed. Meera Rao now teaches them; a session given a substitute keeps its own.")).toBeInTheDocument();
    const day = toZonedInput(taught.starts_at, ZONE).slice(0, 10);
    expect(api.callsTo(`PATCH ${BASE}/events/1/series/3`)[0].body).toEqual({ from: day, instructor_id: MEERA.id });
  });

  it("offers no choice to an instructor, who cannot manage events", async () => {
    const api = studioApi({ "GET main /api/studios": () => ok(studioList(makeStudio("instructor"))), [`GET ${BASE}/sessions/9/registrants`]: () => ok(registrants(MEERA)) });
    render(<SessionPage />, paths.facilitatorSession(9), patterns.facilitatorSession, api);
    await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" });
    expect(screen.getByText("Teacher").closest("div")).toHaveTextContent("Meera Rao");
    expect(screen.queryByRole("region", { name: "Teacher" })).not.toBeInTheDocument();
    expect(api.callsTo(`GET ${BASE}/members`)).toHaveLength(0);
  });
});
