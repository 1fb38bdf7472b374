import { act, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { UNREAD_POLL_MS } from "../api.js";
import { InboxBadge } from "./InboxBadge.jsx";

const COUNT = "GET crm /notifications/unread-count";

afterEach(() => vi.useRealTimers());

describe("InboxBadge", () => {
  it("links to the inbox with the unread count in its name", async () => {
    renderApp(<InboxBadge />, { api: fakeApi({ [COUNT]: () => ok({ unread: 3 }) }), as: "facilitator" });
    const link = await screen.findByRole("link", { name: "Inbox 3 unread" });
    expect(link).toHaveAttribute("href", "/facilitator/inbox");
    expect(within(link).getByText("3")).toHaveClass("badge");
    // The name holds the text on screen, so "click Inbox 3" by voice finds it.
    expect(link).not.toHaveAttribute("aria-label");
    expect(link.textContent.replace(" unread", "")).toBe("Inbox 3");
  });

  it("shows no badge when everything is read", async () => {
    const api = fakeApi({ [COUNT]: () => ok({ unread: 0 }) });
    renderApp(<InboxBadge />, { api, as: "facilitator" });
    await vi.waitFor(() => expect(api.callsTo(COUNT)).toHaveLength(1));
    expect(screen.getByRole("link", { name: "Inbox" })).toHaveTextContent(/^Inbox$/);
  });

  it("polls the count every 15 seconds", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let unread = 1;
    const api = fakeApi({ [COUNT]: () => ok({ unread }) });
    renderApp(<InboxBadge />, { api, as: "facilitator" });
    expect(await screen.findByRole("link", { name: "Inbox 1 unread" })).toBeInTheDocument();
    unread = 4;
    await act(() => vi.advanceTimersByTimeAsync(UNREAD_POLL_MS));
    expect(await screen.findByRole("link", { name: "Inbox 4 unread" })).toBeInTheDocument();
    expect(api.callsTo(COUNT).length).toBeGreaterThanOrEqual(2);
  });

  it("stays a plain link when the CRM can't be reached", async () => {
    const api = fakeApi({
      [COUNT]: () => {
        throw new TypeError("Failed to fetch");
      },
    });
    renderApp(<InboxBadge />, { api, as: "facilitator" });
    await vi.waitFor(() => expect(api.callsTo(COUNT).length).toBeGreaterThan(0));
    expect(screen.getByRole("link", { name: "Inbox" })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("stays a plain link when the CRM answers with an error", async () => {
    const api = fakeApi({ [COUNT]: () => apiError(503, "unavailable", "The CRM is down.") });
    renderApp(<InboxBadge />, { api, as: "facilitator" });
    await vi.waitFor(() => expect(api.callsTo(COUNT).length).toBeGreaterThan(0));
    expect(screen.getByRole("link", { name: "Inbox" })).toHaveTextContent(/^Inbox$/);
    expect(screen.queryByText("The CRM is down.")).not.toBeInTheDocument();
  });
});
