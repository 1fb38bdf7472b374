import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { marketingLinkNotValid } from "../features/clients/components/MarketingUnsubscribe.jsx";
import { paths } from "../lib/paths.js";
import { apiError, fakeApi, ok } from "../test/fake-api.js";
import { renderApp } from "../test/render.jsx";
import { UnsubscribeWithMarketing } from "./UnsubscribeWithMarketing.jsx";

const CHECK = "GET main /marketing/unsubscribe";
const UNSUBSCRIBE = "POST main /marketing/unsubscribe";
const TOKEN = "eyJzIjo0fQ.marketing-signature";
const STUDIO = { name: "Lotus Yoga", slug: "lotus-yoga" };
const ROUTE = `${paths.unsubscribe}?token=${TOKEN}&marketing=1`;

function marketingApi({ unsubscribed = false, post = () => ok({ studio: STUDIO, unsubscribed: true }) } = {}) {
  return fakeApi({ [CHECK]: () => ok({ studio: STUDIO, unsubscribed }), [UNSUBSCRIBE]: post });
}

const renderPage = (api, route = ROUTE) => renderApp(<UnsubscribeWithMarketing />, { route, path: paths.unsubscribe, api });

describe("UnsubscribeWithMarketing", () => {
  it("reads the link first, then stops the studio's marketing emails on the click, signed out", async () => {
    const api = marketingApi();
    const { user } = renderPage(api);
    expect(await screen.findByRole("heading", { level: 1, name: "Stop marketing emails from Lotus Yoga?" })).toBeInTheDocument();
    expect(api.callsTo(UNSUBSCRIBE)).toHaveLength(0); // opening the page changes nothing
    expect(api.callsTo(CHECK)[0].query).toEqual({ token: TOKEN });

    await user.click(screen.getByRole("button", { name: "Unsubscribe" }));
    const done = await screen.findByText("You will get no more marketing emails from Lotus Yoga.");
    expect(done.closest("[role=status]")).toBeInTheDocument();
    expect(done.closest(".outcome")).toHaveFocus();
    const [call] = api.callsTo(UNSUBSCRIBE);
    expect(call.query).toEqual({ token: TOKEN });
    expect(call.headers.Authorization).toBeUndefined();
    expect(screen.queryByRole("button", { name: "Unsubscribe" })).not.toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "Marketing emails" })).toBeInTheDocument();
  });

  it("says a link used already stopped the emails, whether read so or refused on the click", async () => {
    const { unmount } = renderPage(marketingApi({ unsubscribed: true }));
    expect(await screen.findByText("This link was used already: you get no more marketing emails from Lotus Yoga.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Unsubscribe" })).not.toBeInTheDocument();
    unmount();

    const replay = () => apiError(409, "already_unsubscribed", "This link was used already: you get no more of this studio's marketing emails.");
    const { user } = renderPage(marketingApi({ post: replay }));
    await user.click(await screen.findByRole("button", { name: "Unsubscribe" }));
    expect(await screen.findByText("This link was used already: you get no more marketing emails from Lotus Yoga.")).toBeInTheDocument();
  });

  it("says a forged or cut link is not valid, without asking to unsubscribe", async () => {
    const api = fakeApi({ [CHECK]: () => apiError(400, "invalid_token", "This unsubscribe link is not valid.", { token: ["Invalid."] }) });
    const { unmount } = renderPage(api);
    expect(await screen.findByRole("alert")).toHaveTextContent(marketingLinkNotValid());
    expect(screen.queryByRole("button", { name: "Unsubscribe" })).not.toBeInTheDocument();
    unmount();

    const empty = fakeApi();
    renderPage(empty, `${paths.unsubscribe}?marketing=1`);
    expect(screen.getByRole("alert")).toHaveTextContent(marketingLinkNotValid());
    expect(empty.calls).toHaveLength(0);
  });

  it("keeps a reminder email's link on the account's page", () => {
    const api = fakeApi();
    renderPage(api, `${paths.unsubscribe}?token=${TOKEN}`);
    expect(screen.getByRole("button", { name: "Turn off reminders" })).toBeInTheDocument();
    expect(api.calls).toHaveLength(0);
  });
});
