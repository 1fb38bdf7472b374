import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { viewerInZone } from "../../../test/viewer-zone.js";
import { paths, patterns } from "../../../lib/paths.js";
import { ZONE, event, inDays, session } from "../test-fixtures.js";
import { ManageEventPage } from "./ManageEventPage.jsx";
import { SessionPage } from "./SessionPage.jsx";

const EVENT = "/api/facilitator/2/events/1";
const ADD = `POST main ${EVENT}/sessions`;
const SERIES = `POST main ${EVENT}/series`;
const SESSION = "/api/facilitator/2/sessions/9";
const PATCH = `PATCH main ${SESSION}`;
const LINK = "https://meet.jit.si/lotus-morning-flow";
const HINT = "Zoom, Meet or Jitsi; only people booked see it, through their own join link";

const online = session({ id: 11, starts_at: "2031-01-15T03:30:00+00:00", ends_at: "2031-01-15T05:00:00+00:00", mode: "online", video_url: LINK });
const hybrid = session({ id: 12, starts_at: "2031-01-22T03:30:00+00:00", ends_at: "2031-01-22T05:00:00+00:00", mode: "hybrid", video_url: null });
const inPerson = session({ id: 13, starts_at: "2031-01-29T03:30:00+00:00", ends_at: "2031-01-29T05:00:00+00:00", mode: "in_person", video_url: null });

function renderEvent(handlers = {}) {
  const api = fakeApi({
    [`GET main ${EVENT}`]: () => ok(event({ id: 1, sessions: [online, hybrid, inPerson] })),
    [`GET main ${EVENT}/questions`]: () => ok({ items: [] }),
    ...handlers,
  });
  return { api, ...renderApp(<ManageEventPage />, { route: paths.facilitatorEvent(1), path: patterns.facilitatorEvent, api, as: "facilitator" }) };
}

const theSession = session({ id: 9, starts_at: inDays(5), ends_at: inDays(5, 2), capacity: 10, seats_taken: 2, mode: "in_person", video_url: null });
const registrants = (saved = theSession) => ({
  session: saved,
  event: { id: 1, title: "Morning Vinyasa Flow", kind: "session", location: "Lotus Studio", timezone: ZONE, facilitator: { id: 2, name: "Dr. Priya Sharma" } },
  active: 2,
  items: [],
});

function renderSession(handlers = {}, saved = theSession) {
  const api = fakeApi({
    [`GET main ${SESSION}/registrants`]: () => ok(registrants(saved)),
    [`GET main ${SESSION}/attendance`]: () => ok({ session_id: 9, booked: 2, checked_in: 0, attended: 0, no_shows: 0, walk_ins: 0, late_cancels: 0, closed: false, average_rating: null }),
    ...handlers,
  });
  return { api, ...renderApp(<SessionPage />, { route: paths.facilitatorSession(9), path: patterns.facilitatorSession, api, as: "facilitator" }) };
}

const region = (name) => screen.getByRole("region", { name });
const editForm = () => region("Edit session");

describe("a session's mode and video link, for its staff", () => {
  viewerInZone("Europe/Berlin");

  it("lists each online or hybrid session's mode under its time, with its link or that it has none yet", async () => {
    renderEvent();
    await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" });
    const [first, second, third] = screen.getAllByRole("row").slice(1).map((row) => within(row).getAllByRole("cell")[0]);
    expect(first.querySelector(".session-place")).toHaveTextContent("Online · video link");
    const link = within(first).getByRole("link", { name: /^video link for .* \(opens in a new tab\)$/ });
    expect(link).toHaveAttribute("href", LINK);
    expect(link).toHaveAttribute("target", "_blank");
    expect(link).toHaveAttribute("rel", "noopener noreferrer");
    expect(second.querySelector(".session-place")).toHaveTextContent("In person and online · no video link yet");
    expect(third.querySelector(".session-place")).toBeNull();
  });

  it("adds an online session with its link, the link's field shown only when the session is online", async () => {
    const { api, user } = renderEvent({ [ADD]: ({ body }) => reply(201, session({ id: 14, ...body })) });
    await screen.findByRole("heading", { name: "Add a session" });
    const form = region("Add a session");
    const where = within(form).getByLabelText("Where it happens");
    expect(where).toHaveValue("in_person");
    expect(within(where).getAllByRole("option").map((option) => option.textContent)).toEqual(["In person", "Online", "In person and online"]);
    expect(within(form).queryByLabelText("Video link")).not.toBeInTheDocument();

    fireEvent.change(within(form).getByLabelText(/^Starts at \(/), { target: { value: "2031-02-05T09:00" } });
    fireEvent.change(within(form).getByLabelText(/^Ends at \(/), { target: { value: "2031-02-05T10:00" } });
    await user.type(within(form).getByLabelText("Capacity"), "8");
    await user.selectOptions(where, "online");
    const video = within(form).getByLabelText("Video link");
    expect(video).toHaveAttribute("type", "url");
    expect(video).toHaveAttribute("maxLength", "500");
    expect(video).toHaveAccessibleDescription(HINT);
    await user.type(video, LINK);
    await user.click(within(form).getByRole("button", { name: "Add session" }));

    expect(await within(form).findByText(/^Session added:/)).toBeInTheDocument();
    expect(api.callsTo(ADD)[0].body).toEqual({
      starts_at: "2031-02-05T03:30:00.000Z",
      ends_at: "2031-02-05T04:30:00.000Z",
      capacity: 8,
      price: 0,
      currency: "INR",
      mode: "online",
      video_url: LINK,
    });
  });

  it("shows the server's refusal of a new session's link beside its field", async () => {
    const refusal = apiError(400, "validation_error", "Invalid input: video_url: Not a valid URL.", { video_url: ["Not a valid URL."] });
    const { api, user } = renderEvent({ [ADD]: () => refusal });
    await screen.findByRole("heading", { name: "Add a session" });
    const form = region("Add a session");
    fireEvent.change(within(form).getByLabelText(/^Starts at \(/), { target: { value: "2031-02-05T09:00" } });
    fireEvent.change(within(form).getByLabelText(/^Ends at \(/), { target: { value: "2031-02-05T10:00" } });
    await user.type(within(form).getByLabelText("Capacity"), "8");
    await user.selectOptions(within(form).getByLabelText("Where it happens"), "hybrid");
    await user.type(within(form).getByLabelText("Video link"), "https://meet");
    await user.click(within(form).getByRole("button", { name: "Add session" }));

    const video = within(form).getByLabelText("Video link");
    await waitFor(() => expect(video).toHaveAttribute("aria-invalid", "true"));
    expect(video).toHaveAccessibleDescription(`${HINT} Not a valid URL.`);
    expect(video).toHaveFocus();
    expect(api.callsTo(ADD)[0].body).toMatchObject({ mode: "hybrid", video_url: "https://meet" });
  });

  it("makes a weekly series hybrid, with its link", async () => {
    const { api, user } = renderEvent({ [SERIES]: ({ body }) => reply(201, { series_id: 3, sessions: [session({ id: 20, ...body })] }) });
    await screen.findByRole("heading", { name: "Repeat weekly" });
    const form = region("Repeat weekly");
    fireEvent.change(within(form).getByLabelText("First day"), { target: { value: "2031-01-06" } });
    fireEvent.change(within(form).getByLabelText("Starts at"), { target: { value: "07:00" } });
    fireEvent.change(within(form).getByLabelText("Number of sessions"), { target: { value: "1" } });
    fireEvent.change(within(form).getByLabelText("Capacity"), { target: { value: "12" } });
    await user.selectOptions(within(form).getByLabelText("Where it happens"), "hybrid");
    await user.type(within(form).getByLabelText("Video link"), LINK);
    await user.click(within(form).getByRole("button", { name: "Add 1 session" }));
    expect(await within(form).findByText("1 session added.")).toBeInTheDocument();
    expect(api.callsTo(SERIES)[0].body).toMatchObject({ capacity: 12, mode: "hybrid", video_url: LINK });
  });

  it("checks a link that is no https address before sending it", async () => {
    const { api, user } = renderEvent();
    await screen.findByRole("heading", { name: "Repeat weekly" });
    const form = region("Repeat weekly");
    await user.selectOptions(within(form).getByLabelText("Where it happens"), "online");
    await user.type(within(form).getByLabelText("Video link"), "http://zoom.us/j/1");
    await user.click(within(form).getByRole("button", { name: "Add sessions" }));
    expect(within(form).getByLabelText("Video link")).toHaveAccessibleDescription(`${HINT} Give the full address, starting with https://.`);
    expect(api.callsTo(SERIES)).toHaveLength(0);
  });

  it("says where a session happens on its page, and makes it online with a link, sending only those", async () => {
    const sent = [];
    const saved = { ...theSession, mode: "online", video_url: LINK };
    const { user } = renderSession({ [PATCH]: ({ body }) => (sent.push(body), ok(saved)) });
    await screen.findByRole("heading", { name: "Edit session" });
    expect(screen.getByText("Where").nextElementSibling).toHaveTextContent("In person");
    await user.selectOptions(within(editForm()).getByLabelText("Where it happens"), "online");
    await user.type(within(editForm()).getByLabelText("Video link"), LINK);
    await user.click(within(editForm()).getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Session updated.")).toBeInTheDocument();
    expect(sent).toEqual([{ mode: "online", video_url: LINK }]);
    expect(within(editForm()).getByLabelText("Video link")).toHaveValue(LINK);
  });

  it("clears a link with null, and shows the link on the page", async () => {
    const sent = [];
    const before = { ...theSession, mode: "hybrid", video_url: LINK };
    const { user } = renderSession({ [PATCH]: ({ body }) => (sent.push(body), ok({ ...before, video_url: null })) }, before);
    await screen.findByRole("heading", { name: "Edit session" });
    const facts = screen.getByText("Where").nextElementSibling;
    expect(facts).toHaveTextContent("In person and online · video link");
    expect(within(facts).getByRole("link", { name: "video link (opens in a new tab)" })).toHaveAttribute("href", LINK);
    await user.clear(within(editForm()).getByLabelText("Video link"));
    await user.click(within(editForm()).getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Session updated.")).toBeInTheDocument();
    expect(sent).toEqual([{ video_url: null }]);
  });

  it("shows the server's 400 on the link beside its field when editing", async () => {
    const refusal = apiError(400, "validation_error", "Invalid input: video_url: Not a valid URL.", { video_url: ["Not a valid URL."], mode: ["Must be one of: in_person, online, hybrid."] });
    const { user } = renderSession({ [PATCH]: () => refusal });
    await screen.findByRole("heading", { name: "Edit session" });
    await user.selectOptions(within(editForm()).getByLabelText("Where it happens"), "online");
    await user.type(within(editForm()).getByLabelText("Video link"), "https://localhost");
    await user.click(within(editForm()).getByRole("button", { name: "Save changes" }));
    const video = within(editForm()).getByLabelText("Video link");
    await waitFor(() => expect(video).toHaveAttribute("aria-invalid", "true"));
    expect(video).toHaveAccessibleDescription(`${HINT} Not a valid URL.`);
    expect(within(editForm()).getByLabelText("Where it happens")).toHaveAccessibleDescription("Must be one of: in_person, online, hybrid.");
    expect(screen.queryByText("Session updated.")).not.toBeInTheDocument();
  });
});
