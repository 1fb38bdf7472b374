import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { toZonedInput } from "../../../lib/format.js";
import { paths, patterns } from "../../../lib/paths.js";
import { ZONE, inDays, session } from "../test-fixtures.js";
import { SessionPage } from "./SessionPage.jsx";

const BASE = "/api/facilitator/2";
const SERIES = `${BASE}/events/1/series/7`;
/** Five days on at 18:00 in Kolkata, whatever the hour now: the test moves it to 07:30, which must be a change (from
 *  inDays alone, between 02:00 and 03:00 UTC it started at 07:30 already, and there was nothing to save). */
function fiveDaysOnAt1800() {
  const start = new Date(inDays(5));
  start.setUTCHours(12, 30, 0, 0);
  return [start.toISOString(), new Date(start.getTime() + 3_600_000).toISOString()];
}
const [startsAt, endsAt] = fiveDaysOnAt1800();
const weekly = session({ id: 9, series_id: 7, starts_at: startsAt, ends_at: endsAt, capacity: 10, seats_taken: 2 });
const data = (overrides = {}) => ({
  session: { ...weekly, ...overrides },
  event: { id: 1, title: "Morning Vinyasa Flow", kind: "session", location: "Lotus Studio", timezone: ZONE, facilitator: { id: 2, name: "Dr. Priya Sharma" } },
  active: 2,
  items: [],
});

function renderSeries(handlers = {}, registrants = data()) {
  const api = fakeApi({
    [`GET main ${BASE}/sessions/9/registrants`]: () => ok(registrants),
    [`GET main ${BASE}/sessions/9/attendance`]: () => ok({ session_id: 9, booked: 2, checked_in: 0, attended: 0, no_shows: 0, walk_ins: 0, late_cancels: 0, closed: false }),
    ...handlers,
  });
  return { api, ...renderApp(<SessionPage />, { route: paths.facilitatorSession(9), path: patterns.facilitatorSession, api, as: "facilitator" }) };
}

const day = toZonedInput(weekly.starts_at, ZONE).slice(0, 10);
const LINK = "https://meet.jit.si/lotus-morning-flow";
const HINT = "Zoom, Meet or Jitsi; only people booked see it, through their own join link";
const CHANGE = "Change this and later sessions";

describe("SessionPage: this and later sessions of a weekly series", () => {
  it("moves this and the later sessions from this session's day, sending only what changed", async () => {
    const { api, user } = renderSeries({ [`PATCH main ${SERIES}`]: () => ok({ series_id: 7, sessions_changed: 4, sessions: [] }) });
    const section = await screen.findByRole("region", { name: "This and later sessions" });
    fireEvent.change(within(section).getByLabelText(`Start time (${ZONE})`), { target: { value: "07:30" } });
    await user.click(within(section).getByRole("button", { name: "Change this and later sessions" }));
    expect(await within(section).findByText("4 sessions changed. Everyone booked in a moved session is being emailed the new time.")).toBeInTheDocument();
    expect(api.callsTo(`PATCH main ${SERIES}`)[0].body).toEqual({ from: day, start_time: "07:30" });
  });

  it("makes this and the later sessions online with a link, sending only those", async () => {
    const { api, user } = renderSeries({ [`PATCH main ${SERIES}`]: () => ok({ series_id: 7, sessions_changed: 4, sessions: [] }) });
    const section = await screen.findByRole("region", { name: "This and later sessions" });
    expect(within(section).queryByLabelText("Video link")).not.toBeInTheDocument();
    await user.selectOptions(within(section).getByLabelText("Where it happens"), "online");
    await user.type(within(section).getByLabelText("Video link"), LINK);
    await user.click(within(section).getByRole("button", { name: CHANGE }));
    expect(await within(section).findByText("4 sessions changed.")).toBeInTheDocument();
    expect(api.callsTo(`PATCH main ${SERIES}`)[0].body).toEqual({ from: day, mode: "online", video_url: LINK });
  });

  it("leaves each session's mode and link alone when only the capacity changes", async () => {
    const { api, user } = renderSeries({ [`PATCH main ${SERIES}`]: () => ok({ series_id: 7, sessions_changed: 4, sessions: [] }) }, data({ mode: "hybrid", video_url: LINK }));
    const section = await screen.findByRole("region", { name: "This and later sessions" });
    expect(within(section).getByLabelText("Where it happens")).toHaveValue("hybrid");
    expect(within(section).getByLabelText("Video link")).toHaveValue(LINK);
    fireEvent.change(within(section).getByLabelText("Capacity"), { target: { value: "12" } });
    await user.click(within(section).getByRole("button", { name: CHANGE }));
    expect(await within(section).findByText("4 sessions changed.")).toBeInTheDocument();
    expect(api.callsTo(`PATCH main ${SERIES}`)[0].body).toEqual({ from: day, capacity: 12 });
  });

  it("checks a link that is no https address before sending it", async () => {
    const { api, user } = renderSeries();
    const section = await screen.findByRole("region", { name: "This and later sessions" });
    await user.selectOptions(within(section).getByLabelText("Where it happens"), "hybrid");
    await user.type(within(section).getByLabelText("Video link"), "http://zoom.us/j/1");
    await user.click(within(section).getByRole("button", { name: CHANGE }));
    expect(within(section).getByLabelText("Video link")).toHaveAccessibleDescription(`${HINT} Give the full address, starting with https://.`);
    expect(api.callsTo(`PATCH main ${SERIES}`)).toHaveLength(0);
  });

  it("shows the server's 400 on the link beside its field", async () => {
    const refusal = apiError(400, "validation_error", "Invalid input: video_url: Not a valid URL.", { video_url: ["Not a valid URL."] });
    const { api, user } = renderSeries({ [`PATCH main ${SERIES}`]: () => refusal });
    const section = await screen.findByRole("region", { name: "This and later sessions" });
    await user.selectOptions(within(section).getByLabelText("Where it happens"), "online");
    await user.type(within(section).getByLabelText("Video link"), "https://localhost");
    await user.click(within(section).getByRole("button", { name: CHANGE }));
    const video = within(section).getByLabelText("Video link");
    await waitFor(() => expect(video).toHaveAttribute("aria-invalid", "true"));
    expect(video).toHaveAccessibleDescription(`${HINT} Not a valid URL.`);
    expect(within(section).queryByText("The sessions were not changed.")).not.toBeInTheDocument();
    expect(api.callsTo(`PATCH main ${SERIES}`)[0].body).toEqual({ from: day, mode: "online", video_url: "https://localhost" });
  });

  it("cancels the rest of the series after confirming, with the reason, and says who is told", async () => {
    const { api, user } = renderSeries({ [`POST main ${SERIES}/cancel`]: () => ok({ series_id: 7, sessions_cancelled: 3, bookings_cancelled: 5 }) });
    const section = await screen.findByRole("region", { name: "This and later sessions" });
    await user.click(within(section).getByRole("button", { name: "Cancel this and later sessions" }));
    const dialog = screen.getByRole("dialog", { name: "Cancel this and later sessions?" });
    expect(dialog).toHaveTextContent("Everyone booked in them is emailed that it is cancelled");
    await user.type(within(dialog).getByRole("textbox"), "The studio closes");
    await user.click(within(dialog).getByRole("button", { name: "Cancel these sessions" }));
    expect(await screen.findByText("3 sessions cancelled. 5 bookings cancelled; everyone booked is being emailed.")).toBeInTheDocument();
    expect(api.callsTo(`POST main ${SERIES}/cancel`)[0].body).toEqual({ from: day, reason: "The studio closes" });
  });

  it("offers nothing of the kind for a session made on its own", async () => {
    renderSeries({}, data({ series_id: null }));
    await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" });
    await waitFor(() => expect(screen.queryByRole("region", { name: "This and later sessions" })).not.toBeInTheDocument());
  });
});
