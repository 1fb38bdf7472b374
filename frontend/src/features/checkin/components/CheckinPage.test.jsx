import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { setLanguage } from "../../../lib/i18n.js";
import { paths, patterns } from "../../../lib/paths.js";
import { addToQueue, queued, saveRoster } from "../storage.js";
import { CODES, OTHER_SESSION_CODE, ZONE, freshDevice, minutesFromNow, roster } from "../test-fixtures.js";
import { formatRange } from "../../../lib/format.js";
import { clockTime } from "../wording.js";
import { CheckinPage } from "./CheckinPage.jsx";

const BASE = "/api/facilitator/2/sessions/12";
const ROSTER = `GET main ${BASE}/roster`;
const CHECKINS = `POST main ${BASE}/checkins`;
const undoKey = (bookingId) => `DELETE main ${BASE}/checkins/${bookingId}`;
const offlineError = () => {
  throw new TypeError("Failed to fetch");
};

/** The server's check-ins (seatKey → {checked_in_at, device_id}) beyond the fixture's: what the fake roster carries. */
let stored;

/** The server's roster: the fixture's with the check-ins it has stored. */
const serverRoster = () => {
  const base = roster();
  return { ...base, seats: base.seats.map((seat) => ({ ...seat, ...stored.get(`${seat.booking_id}:${seat.seat}`) })) };
};

/** The server's answer to a batch: each item checked in (once), by the device that sent it. */
function recordAll({ body }) {
  const results = body.checkins.map((item) => {
    const [bookingId, seat] = item.booking_id ? [item.booking_id, item.seat] : bookingOfCode(item.code);
    const key = `${bookingId}:${seat}`;
    const first = stored.get(key);
    if (!first) stored.set(key, { checked_in_at: item.at, device_id: item.device_id });
    const status = first ? "already_checked_in" : "checked_in";
    return { status, reason: null, booking_id: bookingId, seat, name: "From the server", ...stored.get(key) };
  });
  return ok({ results, checked_in: 1 + stored.size });
}

function bookingOfCode(code) {
  const text = code.trim().toUpperCase().replace(/[\s-]/g, "");
  if (text.startsWith("CHK1:")) return text.split(":").slice(2, 4).map(Number);
  const [found] = Object.entries(CODES).find(([, value]) => value === text);
  return found.split(":").map(Number);
}

let online;
beforeEach(() => {
  freshDevice();
  stored = new Map();
  online = true;
  vi.spyOn(window.navigator, "onLine", "get").mockImplementation(() => online);
});
afterEach(() => vi.restoreAllMocks());

function goOffline() {
  online = false;
  act(() => window.dispatchEvent(new Event("offline")));
}

function goOnline() {
  online = true;
  act(() => window.dispatchEvent(new Event("online")));
}

function renderDesk(handlers = {}) {
  const api = fakeApi({ [ROSTER]: () => ok(serverRoster()), [CHECKINS]: recordAll, ...handlers });
  return renderApp(<CheckinPage />, { route: paths.facilitatorCheckin(12), path: patterns.facilitatorCheckin, api, as: "facilitator" });
}

const count = () => document.querySelector(".checkin-count");
const connection = () => document.querySelector(".checkin-connection");
const verdict = () => document.querySelector(".verdict");
const person = (name) => screen.getByText(name, { selector: ".checkin-person-name > span" }).closest("li");

async function typeCode(user, code) {
  await user.type(screen.getByLabelText("Check-in code"), code);
  await user.click(screen.getByRole("button", { name: "Check in" }));
}

describe("CheckinPage", () => {
  it("shows who is here out of who is coming, everyone by name, and that everything is sent", async () => {
    renderDesk();
    expect(await screen.findByText("1 of 4 here")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "Check-in" })).toBeInTheDocument();
    expect(document.title).toBe("Check-in · Morning Vinyasa Flow · Sessions & Retreats");
    // The session's day and times on the event's clock, named: a desk in another zone reads them right.
    const { session } = roster();
    expect(document.querySelector(".checkin-head p")).toHaveTextContent(`Morning Vinyasa Flow · ${formatRange(session.starts_at, session.ends_at, { timeZone: ZONE, label: true })}`);
    expect(document.querySelector(".checkin-head p")).toHaveTextContent(/ IST$/);
    expect(connection()).toHaveTextContent("Online — every check-in is sent");
    expect(screen.getByRole("link", { name: "← Session" })).toHaveAttribute("href", "/facilitator/sessions/12");
    const names = within(screen.getByRole("list", { name: "People" })).getAllByRole("listitem");
    expect(names.map((item) => item.querySelector(".checkin-person-name > span").textContent)).toEqual(["Asha Verma", "Kiran Rao", "Meera Iyer", "Ravi Kumar"]);
    expect(person("Ravi Kumar")).toHaveTextContent("guest of Asha Verma");
    expect(person("Meera Iyer")).toHaveTextContent(`Here at ${clockTime(roster().seats[2].checked_in_at, ZONE)}`);
    expect(within(person("Meera Iyer")).getByRole("button", { name: "Undo Meera Iyer" })).toBeInTheDocument();
  });

  it("checks in a typed code and sends it at once, with when and which device", async () => {
    const { api, user } = renderDesk();
    await screen.findByText("1 of 4 here");
    await typeCode(user, "9vsw mdjq");
    await waitFor(() => expect(verdict()).toHaveTextContent("✓ Asha Verma — checked in"));
    expect(within(verdict()).getByText("✓ Asha Verma — checked in").tagName).toBe("STRONG"); // not a paragraph posing as a heading
    expect(count()).toHaveTextContent("2 of 4 here");
    await waitFor(() => expect(api.callsTo(CHECKINS)).toHaveLength(1));
    const [item] = api.callsTo(CHECKINS)[0].body.checkins;
    expect(item).toEqual({ code: "9vsw mdjq", at: expect.any(String), device_id: expect.stringMatching(/^device-[0-9A-Z]{6}$/) });
    expect(Math.abs(new Date(item.at).getTime() - Date.now())).toBeLessThan(60_000);
    expect(item.device_id).toBe(window.localStorage.getItem("checkin.device")); // the same device id every time
    await waitFor(() => expect(connection()).toHaveTextContent("Online — every check-in is sent"));
    expect(screen.getByLabelText("Check-in code")).toHaveValue("");
  });

  it("says who is here already, since when and by which device, without sending anything", async () => {
    const { api, user } = renderDesk();
    await screen.findByText("1 of 4 here");
    await typeCode(user, CODES["7:1"]);
    await waitFor(() => expect(verdict()).toHaveTextContent("Already here: Meera Iyer"));
    expect(verdict()).toHaveTextContent(`Checked in at ${clockTime(roster().seats[2].checked_in_at, ZONE)} by door-1.`);
    await typeCode(user, CODES["41:1"]);
    await waitFor(() => expect(verdict()).toHaveTextContent("✓ Kiran Rao — checked in"));
    await typeCode(user, CODES["41:1"]);
    await waitFor(() => expect(verdict()).toHaveTextContent("Already here: Kiran Rao"));
    expect(verdict()).toHaveTextContent("by this device.");
    await waitFor(() => expect(api.callsTo(CHECKINS)).toHaveLength(1));
  });

  it("refuses a code that is not valid, and says why", async () => {
    const { api, user } = renderDesk();
    await screen.findByText("1 of 4 here");
    await typeCode(user, OTHER_SESSION_CODE);
    await waitFor(() => expect(verdict()).toHaveTextContent("Not valid"));
    expect(verdict()).toHaveTextContent("No seat of this session has this code.");
    await typeCode(user, `CHK1:12:500:1:${CODES["345:1"]}`);
    await waitFor(() => expect(verdict()).toHaveTextContent("No seat of this session has this code."));
    await typeCode(user, CODES["999999:3"]);
    await waitFor(() => expect(verdict()).toHaveTextContent("This seat was given back"));
    expect(api.callsTo(CHECKINS)).toHaveLength(0);
    expect(count()).toHaveTextContent("1 of 4 here");
  });

  it("finds a name and checks them in with a tap", async () => {
    const { api, user } = renderDesk();
    await screen.findByText("1 of 4 here");
    await user.type(screen.getByLabelText("Find by name"), "ravi");
    expect(within(screen.getByRole("list", { name: "People" })).getAllByRole("listitem")).toHaveLength(1);
    await user.click(screen.getByRole("button", { name: "Check in Ravi Kumar" }));
    await waitFor(() => expect(verdict()).toHaveTextContent("✓ Ravi Kumar — checked in"));
    await waitFor(() => expect(api.callsTo(CHECKINS)).toHaveLength(1));
    expect(api.callsTo(CHECKINS)[0].body.checkins[0]).toMatchObject({ booking_id: 345, seat: 2 });
    await user.clear(screen.getByLabelText("Find by name"));
    await user.type(screen.getByLabelText("Find by name"), "nobody");
    expect(screen.getByText("Nobody coming is called “nobody”.")).toBeInTheDocument();
  });

  it("offline: queues check-ins on the device, says how many wait, and sends them in one batch when the network is back", async () => {
    const { api, user } = renderDesk();
    await screen.findByText("1 of 4 here");
    goOffline();
    api.on({ [CHECKINS]: offlineError });
    await typeCode(user, CODES["345:1"]);
    await waitFor(() => expect(verdict()).toHaveTextContent("✓ Asha Verma — checked in"));
    expect(verdict()).toHaveTextContent("Saved on this device: it is sent when the network is back.");
    await user.click(screen.getByRole("button", { name: "Check in Kiran Rao" }));
    await waitFor(() => expect(connection()).toHaveTextContent("Offline — 2 waiting to send"));
    expect(count()).toHaveTextContent("3 of 4 here");
    expect(person("Kiran Rao")).toHaveTextContent("waiting to send");
    await typeCode(user, CODES["345:1"]); // used on this device already: refused at once, with no network
    await waitFor(() => expect(verdict()).toHaveTextContent("Already here: Asha Verma"));

    const tried = api.callsTo(CHECKINS).length;
    api.on({ [CHECKINS]: recordAll });
    goOnline();
    await waitFor(() => expect(connection()).toHaveTextContent("Online — every check-in is sent"));
    const sent = api.callsTo(CHECKINS).slice(tried);
    expect(sent).toHaveLength(1);
    expect(sent[0].body.checkins).toEqual([expect.objectContaining({ code: CODES["345:1"] }), expect.objectContaining({ booking_id: 41, seat: 1 })]);
    expect(await queued(12)).toEqual([]);
    expect(count()).toHaveTextContent("3 of 4 here");
    expect(person("Kiran Rao")).not.toHaveTextContent("waiting to send");
  });

  it("sends the queue again when its answer was lost, as soon as the list is read again, and the server keeps one each", async () => {
    const { api, user } = renderDesk();
    await screen.findByText("1 of 4 here");
    goOffline();
    api.on({ [CHECKINS]: offlineError });
    await typeCode(user, CODES["41:1"]);
    await waitFor(() => expect(connection()).toHaveTextContent("Offline — 1 waiting to send"));

    // The batch reaches the server, but its answer never comes back.
    const tried = api.callsTo(CHECKINS).length;
    api.on({
      [CHECKINS]: (call) => {
        api.on({ [CHECKINS]: recordAll });
        recordAll(call);
        offlineError();
      },
    });
    goOnline();
    await waitFor(() => expect(connection()).toHaveTextContent("Online — every check-in is sent"));
    const sent = api.callsTo(CHECKINS).slice(tried);
    expect(sent).toHaveLength(2);
    expect(sent[1].body.checkins).toEqual(sent[0].body.checkins);
    expect(stored.size).toBe(1);
    expect(await queued(12)).toEqual([]);
    expect(count()).toHaveTextContent("2 of 4 here");
  });

  it("accepts offline the QR code of a booking made after the list was saved, and refuses a forged one", async () => {
    const { user } = renderDesk({ [CHECKINS]: offlineError });
    await screen.findByText("1 of 4 here");
    goOffline();
    await typeCode(user, `CHK1:12:500:1:${CODES["500:1"]}`);
    await waitFor(() => expect(verdict()).toHaveTextContent("✓ Booking 500, seat 1 — checked in"));
    expect(count()).toHaveTextContent("2 of 5 here");
    await typeCode(user, `CHK1:12:501:1:${CODES["500:1"]}`);
    await waitFor(() => expect(verdict()).toHaveTextContent("Not valid"));
    expect(connection()).toHaveTextContent("Offline — 1 waiting to send");
  });

  it("opens with no network from the list saved on the device, with the check-ins still waiting, and sends them on the next load", async () => {
    await saveRoster(12, roster(), minutesFromNow(-20));
    await addToQueue(12, { item: { booking_id: 41, seat: 1, at: minutesFromNow(-5), device_id: "device-HERE01" }, seatKey: "41:1", bookingId: 41, seat: 1, name: "Kiran Rao" });
    online = false;
    const { api, unmount } = renderDesk({ [ROSTER]: offlineError, [CHECKINS]: offlineError });
    await screen.findByText("2 of 4 here");
    expect(connection()).toHaveTextContent("Offline — 1 waiting to send");
    expect(screen.getByText(/Working from the list saved at/)).toBeInTheDocument();
    unmount();

    // The next load, with the network back: the queue goes at once.
    online = true;
    api.on({ [ROSTER]: () => ok(serverRoster()), [CHECKINS]: recordAll });
    renderApp(<CheckinPage />, { route: paths.facilitatorCheckin(12), path: patterns.facilitatorCheckin, api, as: "facilitator" });
    await waitFor(() => expect(connection()).toHaveTextContent("Online — every check-in is sent"));
    expect(api.callsTo(CHECKINS).at(-1).body.checkins).toEqual([{ booking_id: 41, seat: 1, at: expect.any(String), device_id: "device-HERE01" }]);
    expect(await queued(12)).toEqual([]);
  });

  it("with no network and no saved list, says to open the page once online", async () => {
    renderDesk({ [ROSTER]: offlineError });
    expect(await screen.findByRole("alert")).toHaveTextContent("This device has no saved list of this session yet: open this page once with a network");
  });

  it("undoes a check-in still waiting by taking it off the queue, and a sent one on the server", async () => {
    const { api, user } = renderDesk({ [CHECKINS]: offlineError, [undoKey(7)]: () => reply(204, null), [undoKey(41)]: () => reply(204, null) });
    await screen.findByText("1 of 4 here");
    goOffline();
    await typeCode(user, CODES["41:1"]);
    await waitFor(() => expect(verdict()).toHaveTextContent("✓ Kiran Rao — checked in"));
    await user.click(within(verdict()).getByRole("button", { name: "Undo Kiran Rao" }));
    await waitFor(() => expect(verdict()).toHaveTextContent("Undone: Kiran Rao is not checked in"));
    expect(await queued(12)).toEqual([]);
    expect(count()).toHaveTextContent("1 of 4 here");
    expect(api.callsTo(undoKey(41))).toHaveLength(0);

    // Meera's was sent (by another door): undoing it needs the network.
    api.on({ [undoKey(7)]: offlineError });
    await user.click(screen.getByRole("button", { name: "Undo Meera Iyer" }));
    await waitFor(() => expect(verdict()).toHaveTextContent("Not undone: Meera Iyer"));
    expect(verdict()).toHaveTextContent("undo it when the network is back");
    goOnline();
    api.on({ [undoKey(7)]: () => reply(204, null) });
    await user.click(screen.getByRole("button", { name: "Undo Meera Iyer" }));
    await waitFor(() => expect(verdict()).toHaveTextContent("Undone: Meera Iyer is not checked in"));
    expect(api.callsTo(undoKey(7)).at(-1).query).toEqual({ seat: "1" });
    expect(count()).toHaveTextContent("0 of 4 here");
    expect(within(person("Meera Iyer")).getByRole("button", { name: "Check in Meera Iyer" })).toBeInTheDocument();
  });

  it("says so when the server knew better: another door was first, or a queued one was refused", async () => {
    const first = minutesFromNow(-3);
    const { api, user } = renderDesk({
      [CHECKINS]: () => ok({ results: [{ status: "already_checked_in", booking_id: 41, seat: 1, name: "Kiran Rao", checked_in_at: first, device_id: "door-2" }], checked_in: 2 }),
    });
    await screen.findByText("1 of 4 here");
    await typeCode(user, CODES["41:1"]);
    await waitFor(() => expect(verdict()).toHaveTextContent("Already here: Kiran Rao"));
    expect(verdict()).toHaveTextContent(`Checked in at ${clockTime(first, ZONE)} by door-2.`);
    expect(person("Kiran Rao")).toHaveTextContent(`Here at ${clockTime(first, ZONE)}`);

    api.on({ [CHECKINS]: () => ok({ results: [{ status: "not_valid", reason: "booking_not_active", booking_id: 345, seat: 2, name: "Ravi Kumar" }], checked_in: 2 }) });
    await user.click(screen.getByRole("button", { name: "Check in Ravi Kumar" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Sent, but not recorded:");
    expect(alert).toHaveTextContent("Ravi Kumar: This booking is not on");
    await waitFor(() => expect(verdict()).toHaveTextContent("Not valid: Ravi Kumar"));
    expect(count()).toHaveTextContent("2 of 4 here");
  });

  it("shows why the queue could not be sent when the server refuses the batch", async () => {
    const { user } = renderDesk({ [CHECKINS]: () => apiError(403, "forbidden", "This session belongs to another facilitator.") });
    await screen.findByText("1 of 4 here");
    await typeCode(user, CODES["41:1"]);
    expect(await screen.findByRole("alert")).toHaveTextContent("The check-ins could not be sent. This session belongs to another facilitator.");
    expect(connection()).toHaveTextContent("Online — sending 1 check-in…");
    expect(screen.getByRole("button", { name: "Send now" })).toBeInTheDocument();
  });

  it("says so when this browser gives the page no camera", async () => {
    const { user } = renderDesk();
    await screen.findByText("1 of 4 here");
    await user.click(screen.getByRole("button", { name: "Scan a QR code" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("type the code instead");
    expect(screen.getByRole("button", { name: "Scan a QR code" })).toBeInTheDocument();
  });
});

describe("CheckinPage in a browser that keeps nothing", () => {
  beforeEach(() => {
    globalThis.indexedDB = undefined; // a private window, say
    stored = new Map();
    online = true;
    vi.spyOn(window.navigator, "onLine", "get").mockImplementation(() => online);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    freshDevice();
  });

  it("sends each check-in straight to the server", async () => {
    const { api, user } = renderDesk();
    await screen.findByText("1 of 4 here");
    await typeCode(user, CODES["41:1"]);
    await waitFor(() => expect(verdict()).toHaveTextContent("✓ Kiran Rao — checked in"));
    expect(api.callsTo(CHECKINS)).toHaveLength(1);
    expect(count()).toHaveTextContent("2 of 4 here");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();

    api.on({ [CHECKINS]: offlineError });
    await typeCode(user, CODES["345:1"]);
    await waitFor(() => expect(verdict()).toHaveTextContent("Not checked in: Asha Verma"));
    expect(count()).toHaveTextContent("2 of 4 here");
  });

  it("reads in Hindi", async () => {
    await setLanguage("hi");
    renderDesk();
    expect(await screen.findByText("4 में से 1 आ चुके")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "चेक-इन" })).toBeInTheDocument();
    expect(connection()).toHaveTextContent("ऑनलाइन — सभी चेक-इन भेजे जा चुके हैं");
    expect(person("Ravi Kumar")).toHaveTextContent("Asha Verma के मेहमान");
    expect(screen.getByRole("button", { name: "Asha Verma का चेक-इन करें" })).toBeInTheDocument();
  });
});
