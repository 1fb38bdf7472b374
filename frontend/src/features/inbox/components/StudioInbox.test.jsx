import { act, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { USERS, fakeToken, renderApp } from "../../../test/render.jsx";
import { makeStudio, studioList } from "../../../test/studios.js";
import { paths } from "../../../lib/paths.js";
import { bookingNotification, notificationPage } from "../test-fixtures.js";
import { InboxBadge } from "./InboxBadge.jsx";
import { InboxPage } from "./InboxPage.jsx";

const LIST = "GET crm /notifications";
const COUNT = "GET crm /notifications/unread-count";
const REFRESH = "POST main /auth/refresh";
const MANAGER = { ...USERS.user, name: "Meera Manager" };

/** The CRM of one studio (id 4): its inbox for a token that names it, 403 for any other studio_id or none. */
function studioCrm({ named = true, studio = makeStudio("manager") } = {}) {
  let tokenNamesIt = named;
  const theirs = ({ query }) => query.studio_id === String(studio.id) && tokenNamesIt;
  const refused = apiError(403, "forbidden", "You may not read this studio's inbox.");
  return fakeApi({
    "GET main /api/studios": () => ok(studioList(studio)),
    [LIST]: (call) => (theirs(call) ? ok(notificationPage([bookingNotification({ id: 9 })], { unread: 1 })) : refused),
    [COUNT]: (call) => (theirs(call) ? ok({ unread: 1 }) : refused),
    [REFRESH]: () => {
      tokenNamesIt = true;
      return ok({ access_token: fakeToken(), token_type: "Bearer", expires_in: 3600, user: MANAGER });
    },
  });
}

const renderStudioInbox = (api) =>
  renderApp(
    <>
      <nav aria-label="Main">
        <InboxBadge />
      </nav>
      <InboxPage />
    </>,
    { route: paths.inbox, api, as: MANAGER, studios: true },
  );

describe("a studio's inbox", () => {
  it("reads the current studio's notifications and count with its studio_id", async () => {
    const api = studioCrm();
    renderStudioInbox(api);
    expect(await screen.findByText(/Asha Rao booked/)).toBeInTheDocument();
    expect(api.callsTo(LIST)[0].query).toEqual({ studio_id: "4", page: "1", per_page: "20" });
    await waitFor(() => expect(api.callsTo(COUNT).length).toBeGreaterThan(0));
    expect(api.callsTo(COUNT).every((call) => call.query.studio_id === "4")).toBe(true);
    expect(api.callsTo(REFRESH)).toHaveLength(0);
  });

  it("fetches a token naming the studio once when the CRM refuses the old one (joined since signing in)", async () => {
    const api = studioCrm({ named: false });
    renderStudioInbox(api);
    expect(await screen.findByText(/Asha Rao booked/)).toBeInTheDocument();
    expect(api.callsTo(REFRESH).length).toBeGreaterThan(0);
  });

  it("asks nothing of the CRM for a role without inbox.read", async () => {
    const api = studioCrm({ studio: makeStudio("instructor") });
    renderStudioInbox(api);
    await waitFor(() => expect(api.callsTo("GET main /api/studios")).toHaveLength(1));
    await act(() => new Promise((resolve) => setTimeout(resolve, 20))); // the studio read, and its role known
    expect(api.callsTo(LIST)).toHaveLength(0);
    expect(api.callsTo(COUNT)).toHaveLength(0);
  });
});
