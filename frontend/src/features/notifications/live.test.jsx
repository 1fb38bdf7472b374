import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { fakeApi, ok } from "../../test/fake-api.js";
import { renderApp } from "../../test/render.jsx";
import { NotificationsLink } from "./components/NotificationsLink.jsx";
import { parseEvents, STREAM_PATH, useLiveCounts } from "./live.js";

const COUNTS = "GET main /me/notifications";
const STREAM = `GET live ${STREAM_PATH}`;

/** A stream the test writes events into, as the server would. */
function openStream() {
  let controller;
  const body = new ReadableStream({ start: (c) => (controller = c) });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream" } }),
    send: (counts) => controller.enqueue(encoder.encode(`event: counts\ndata: ${JSON.stringify(counts)}\n\n`)),
  };
}

function Live({ onNewNotice }) {
  useLiveCounts({ onNewNotice });
  return <NotificationsLink />;
}

describe("parseEvents", () => {
  it("splits complete events from the rest, whatever the chunks", () => {
    const { events, rest } = parseEvents('retry: 2000\nevent: counts\ndata: {"total": 1}\n\n: still here\n\nevent: co');
    expect(events).toEqual([{ event: "counts", data: '{"total": 1}' }]);
    expect(rest).toBe("event: co");
  });
});

describe("useLiveCounts", () => {
  it("shows each change of the unread count at once and tells the app of new notices", async () => {
    const stream = openStream();
    const api = fakeApi({ [COUNTS]: () => ok({ items: [], total: 0, unread: 0 }), [STREAM]: () => stream.response });
    const onNewNotice = vi.fn();
    renderApp(<Live onNewNotice={onNewNotice} />, { api, as: "user" });
    await vi.waitFor(() => expect(api.callsTo(STREAM)).toHaveLength(1));
    expect(api.callsTo(STREAM)[0].headers.Authorization).toMatch(/^Bearer /);
    stream.send({ total: 0, unread: 0 });
    stream.send({ total: 2, unread: 2 });
    expect(await screen.findByRole("link", { name: "Notifications 2 unread" })).toBeInTheDocument();
    expect(onNewNotice).toHaveBeenCalledTimes(1);
    stream.send({ total: 2, unread: 0 }); // read in another tab: no new notice
    expect(await screen.findByRole("link", { name: "Notifications" })).toHaveTextContent(/^Notifications$/);
    expect(onNewNotice).toHaveBeenCalledTimes(1);
  });

  it("opens no stream for staff", async () => {
    const api = fakeApi({ "GET crm /notifications/unread-count": () => ok({ unread: 0 }) });
    renderApp(<Live />, { api, as: "facilitator" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.callsTo(STREAM)).toHaveLength(0);
  });
});
