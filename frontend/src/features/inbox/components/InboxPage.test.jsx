import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ok, pageOf } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { paths } from "../../../lib/paths.js";
import { setLanguage } from "../../../lib/i18n.js";
import { crmDownMessage } from "../api.js";
import { bookingNotification, cancelledSessionBatch, notificationPage, typedNotification } from "../test-fixtures.js";
import { InboxBadge } from "./InboxBadge.jsx";
import { InboxPage } from "./InboxPage.jsx";

const LIST = "GET crm /notifications";
const COUNT = "GET crm /notifications/unread-count";

const booked = bookingNotification({ id: 3 });
const cancelled = bookingNotification({ id: 2, type: "booking_cancelled", user: { id: 5, name: "Ravi Kumar", email: "r@example.com" } });
const eventCancelled = typedNotification(
  "event_cancelled",
  { event: { id: 2, title: "Sound Bath", status: "cancelled" }, changes: { reason: "Venue closed", bookings_cancelled: 2 } },
  { id: 1 },
);

/** A tiny CRM: a list with read marks that the read routes change; `batches` holds each batch's members by its id. */
function fakeCrm(items = [booked, cancelled, eventCancelled], extra = {}, batches = {}) {
  const store = items.map((item) => ({ ...item }));
  const unread = () => store.filter((item) => !item.read).length;
  return fakeApi({
    [LIST]: ({ query }) => {
      if (query.batch_id) return ok(pageOf(batches[query.batch_id] ?? [], query, { unread: unread() }));
      return ok(notificationPage(query.unread === "true" ? store.filter((item) => !item.read) : store, { unread: unread() }));
    },
    [COUNT]: () => ok({ unread: unread() }),
    "POST crm /notifications/read-all": () => {
      const marked = unread();
      store.forEach((item) => Object.assign(item, { read: true, read_at: new Date().toISOString() }));
      return ok({ marked, unread: 0 });
    },
    ...Object.fromEntries(
      store.map((item) => [
        `POST crm /notifications/${item.id}/read`,
        () => ok(Object.assign(item, { read: true, read_at: new Date().toISOString() })),
      ]),
    ),
    ...extra,
  });
}

function renderInbox(api = fakeCrm(), route = paths.inbox, texts = undefined) {
  return renderApp(
    <>
      <nav aria-label="Main">
        <InboxBadge />
      </nav>
      <InboxPage texts={texts} />
    </>,
    { route, api, as: "facilitator" },
  );
}

describe("InboxPage", () => {
  it("says a type in the words the page is given for it, marked New while unread, the others as ever", async () => {
    const texts = { booking_cancelled: (item) => ({ sentence: <em>{`Given words for ${item.user.name}`}</em>, detail: <p>{"Given detail"}</p> }) };
    renderInbox(fakeCrm(), paths.inbox, texts);
    const items = await screen.findAllByRole("listitem");
    expect(items[1]).toHaveTextContent(/^NewGiven words for Ravi KumarGiven detail/);
    expect(items[1]).not.toHaveTextContent("cancelled their booking");
    expect(items[0]).toHaveTextContent("Asha Rao booked Himalayan Silence Retreat");
  });

  it("lists notifications as sentences, unread ones marked New", async () => {
    const { api } = renderInbox();
    expect(screen.getByRole("heading", { level: 1, name: "Inbox" })).toBeInTheDocument();
    expect(document.title).toBe("Inbox · Sessions & Retreats");
    const items = await screen.findAllByRole("listitem");
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent("Asha Rao booked Himalayan Silence Retreat");
    expect(items[0]).toHaveTextContent("5 minutes ago");
    expect(within(items[0]).getByText("New")).toHaveClass("pill");
    expect(items[1]).toHaveTextContent("Ravi Kumar cancelled their booking for Himalayan Silence Retreat");
    expect(items[2]).toHaveTextContent("Sound Bath was cancelled");
    expect(items[2]).toHaveTextContent("2 people were told. Reason: Venue closed");
    expect(within(items[2]).queryByText("New")).not.toBeInTheDocument();
    expect(within(items[2]).queryByRole("button", { name: "Mark as read" })).not.toBeInTheDocument();
    expect(screen.getByText("2 unread notifications")).toBeInTheDocument();
    expect(api.callsTo(LIST)[0].query).toEqual({ page: "1", per_page: "20" });
    expect(api.callsTo(LIST)[0].headers.Authorization).toMatch(/^Bearer /);
  });

  it("marks one as read and the navbar badge follows", async () => {
    const { user, api } = renderInbox();
    const badge = await screen.findByRole("link", { name: "Inbox 2 unread" });
    expect(within(badge).getByText("2")).toHaveClass("badge");
    const [first] = await screen.findAllByRole("listitem");
    const button = within(first).getByRole("button", { name: "Mark as read" });
    expect(button).toHaveAccessibleDescription(/Asha Rao booked Himalayan Silence Retreat/);
    await user.click(button);

    await waitFor(() => expect(within(first).queryByText("New")).not.toBeInTheDocument());
    expect(api.callsTo("POST crm /notifications/3/read")).toHaveLength(1);
    expect(await screen.findByRole("link", { name: "Inbox 1 unread" })).toBeInTheDocument();
    expect(screen.getByText("1 unread notification")).toBeInTheDocument();
  });

  it("moves the focus to the next unread one, then to the list, as buttons go away", async () => {
    const { user } = renderInbox();
    const [first, second] = await screen.findAllByRole("listitem");
    await user.click(within(first).getByRole("button", { name: "Mark as read" }));
    const next = within(second).getByRole("button", { name: "Mark as read" });
    await waitFor(() => expect(next).toHaveFocus());
    await user.keyboard("{Enter}");
    await waitFor(() => expect(screen.getByRole("list", { name: "Notifications" })).toHaveFocus());
    expect(screen.queryByRole("button", { name: "Mark as read" })).not.toBeInTheDocument();
  });

  it("marks all as read", async () => {
    const { user } = renderInbox();
    await screen.findAllByRole("listitem");
    await user.click(screen.getByRole("button", { name: "Mark all as read" }));
    expect(await screen.findByText("Marked 2 notifications as read.")).toBeInTheDocument();
    // The button is disabled now: the message has the focus instead of nothing.
    expect(screen.getByText("Marked 2 notifications as read.").closest(".flash")).toHaveFocus();
    await waitFor(() => expect(screen.queryByText("New")).not.toBeInTheDocument());
    expect(screen.getByRole("link", { name: "Inbox" })).not.toHaveTextContent(/\d/);
    expect(screen.getByRole("button", { name: "Mark all as read" })).toBeDisabled();
  });

  it("filters to unread ones", async () => {
    const { user, api } = renderInbox();
    await screen.findAllByRole("listitem");
    await user.click(screen.getByRole("button", { name: "Unread" }));
    expect(screen.getByRole("button", { name: "Unread" })).toHaveAttribute("aria-pressed", "true");
    await waitFor(() => expect(screen.getAllByRole("listitem")).toHaveLength(2));
    expect(api.callsTo(LIST).at(-1).query).toMatchObject({ unread: "true" });
    expect(screen.getByTestId("location")).toHaveTextContent("/facilitator/inbox?filter=unread");
  });

  it("pages through a long inbox", async () => {
    const api = fakeCrm([booked], {
      [LIST]: ({ query }) => ok(notificationPage([bookingNotification({ id: Number(query.page) * 100 })], { page: Number(query.page), total: 41, pages: 3, unread: 41 })),
    });
    const { user } = renderInbox(api);
    expect(await screen.findByText("Page 1 of 3")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Previous" })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(await screen.findByText("Page 2 of 3")).toBeInTheDocument();
    expect(api.callsTo(LIST).at(-1).query).toMatchObject({ page: "2" });
    expect(screen.getByRole("list", { name: "Notifications" })).toHaveFocus(); // the top of the new page
  });

  it("says when there is nothing yet", async () => {
    renderInbox(fakeCrm([]));
    expect(await screen.findByText("No notifications yet.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Mark all as read" })).toBeDisabled();
  });

  it("reassures when the CRM can't be reached, and tries again", async () => {
    let down = true;
    const api = fakeCrm([booked], {
      [LIST]: () => {
        if (down) throw new TypeError("Failed to fetch");
        return ok(notificationPage([booked]));
      },
      [COUNT]: () => {
        throw new TypeError("Failed to fetch");
      },
    });
    const { user } = renderInbox(api);
    const alert = await screen.findByRole("alert", {}, { timeout: 5000 });
    expect(alert).toHaveTextContent(crmDownMessage());
    // The navbar stays calm: just "Inbox".
    expect(screen.getByRole("link", { name: "Inbox" })).toBeInTheDocument();
    down = false;
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Asha Rao booked Himalayan Silence Retreat")).toBeInTheDocument();
  });

  it("shows one action on many bookings as one entry, read, that expands to them on demand", async () => {
    const [entry, members] = cancelledSessionBatch();
    const { user, api } = renderInbox(fakeCrm([booked, entry], {}, { [entry.batch.id]: members }));
    const [, batchItem] = await screen.findAllByRole("listitem");
    expect(batchItem).toHaveTextContent(/^You cancelled the .+ session of Himalayan Silence Retreat: 3 bookings cancelled/);
    expect(batchItem).toHaveTextContent("Reason: Studio flooded");
    expect(within(batchItem).queryByText("New")).not.toBeInTheDocument(); // her own action
    expect(within(batchItem).queryByRole("button", { name: "Mark as read" })).not.toBeInTheDocument();
    expect(screen.getByText("1 unread notification")).toBeInTheDocument();

    const toggle = within(batchItem).getByRole("button", { name: "3 cancelled bookings" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(document.getElementById(toggle.getAttribute("aria-controls"))).not.toBeVisible();
    expect(api.calls.filter((call) => call.query.batch_id)).toHaveLength(0); // nothing loaded until asked
    await user.click(toggle);

    expect(toggle).toHaveAttribute("aria-expanded", "true");
    const list = await within(batchItem).findByRole("list", { name: "3 cancelled bookings" });
    expect(document.getElementById(toggle.getAttribute("aria-controls"))).toContainElement(list);
    const rows = within(list).getAllByRole("listitem");
    expect(rows.map((row) => row.querySelector(".notification-sentence").textContent)).toEqual([
      "Guest 1's booking for Himalayan Silence Retreat was cancelled",
      "Guest 2's booking for Himalayan Silence Retreat was cancelled",
      "Guest 3's booking for Himalayan Silence Retreat was cancelled",
    ]);
    expect(api.callsTo(LIST).at(-1).query).toEqual({ batch_id: entry.batch.id, page: "1", per_page: "20" });

    // The keyboard closes it again.
    toggle.focus();
    await user.keyboard("{Enter}");
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(within(batchItem).queryByRole("list")).not.toBeInTheDocument();
  });

  it("loads a long batch a page at a time", async () => {
    const [entry, members] = cancelledSessionBatch({ count: 25 });
    const { user, api } = renderInbox(fakeCrm([entry], {}, { [entry.batch.id]: members }));
    await user.click(await screen.findByRole("button", { name: "25 cancelled bookings" }));
    const list = await screen.findByRole("list", { name: "25 cancelled bookings" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(20);
    await user.click(screen.getByRole("button", { name: "Show more" }));
    await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(25));
    expect(api.callsTo(LIST).at(-1).query).toMatchObject({ batch_id: entry.batch.id, page: "2" });
    expect(screen.queryByRole("button", { name: "Show more" })).not.toBeInTheDocument();
  });

  it("marks an unread batch read as one entry", async () => {
    const [entry, members] = cancelledSessionBatch();
    const unreadBatch = { ...entry, read: false, read_at: null, data: { ...entry.data, actor: undefined }, batch: { ...entry.batch, unread: 3 } };
    const { user, api } = renderInbox(fakeCrm([unreadBatch], {}, { [entry.batch.id]: members }));
    const [item] = await screen.findAllByRole("listitem");
    expect(item).toHaveTextContent("NewA session of Himalayan Silence Retreat was cancelled");
    expect(await screen.findByRole("link", { name: "Inbox 1 unread" })).toBeInTheDocument();
    await user.click(within(item).getByRole("button", { name: "Mark as read" }));
    await waitFor(() => expect(within(item).queryByText("New")).not.toBeInTheDocument());
    expect(api.callsTo(`POST crm /notifications/${entry.id}/read`)).toHaveLength(1);
    expect(await screen.findByRole("link", { name: "Inbox" })).toBeInTheDocument();
  });

  it("shows the CRM's own message for other errors", async () => {
    renderInbox(fakeCrm([], { [LIST]: () => apiError(403, "forbidden", "This route is for facilitators only.") }));
    expect(await screen.findByRole("alert")).toHaveTextContent("This route is for facilitators only.");
  });

  it("reads in Hindi", async () => {
    await setLanguage("hi");
    renderInbox();
    expect(screen.getByRole("heading", { level: 1, name: "इनबॉक्स" })).toBeInTheDocument();
    const items = await screen.findAllByRole("listitem");
    expect(items[0]).toHaveTextContent("Asha Rao ने Himalayan Silence Retreat बुक किया");
    expect(within(items[0]).getByText("नई")).toHaveClass("pill");
    expect(items[2]).toHaveTextContent("2 लोगों को बताया गया। कारण: Venue closed");
    expect(screen.getByText("2 बिना पढ़ी सूचनाएँ")).toBeInTheDocument();
  });
});
