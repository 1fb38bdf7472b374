import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { UnsubscribePage } from "./UnsubscribePage.jsx";
import { linkNotValid } from "../wording.js";

const UNSUBSCRIBE = "POST main /auth/reminders/unsubscribe";
const TOKEN = "7.unsubscribe-signature";

function renderUnsubscribe({ route = `${paths.unsubscribe}?token=${TOKEN}`, api = fakeApi({ [UNSUBSCRIBE]: () => ok({ reminders_enabled: false }) }), as } = {}) {
  return renderApp(<UnsubscribePage />, { route, path: paths.unsubscribe, api, as });
}

describe("UnsubscribePage", () => {
  it("asks first, then turns reminders off with the link's token, signed out", async () => {
    const { user, api } = renderUnsubscribe();
    expect(screen.getByRole("heading", { level: 1, name: "Turn off reminder emails?" })).toBeInTheDocument();
    expect(api.calls).toHaveLength(0); // opening the page changes nothing
    await user.click(screen.getByRole("button", { name: "Turn off reminders" }));

    const done = await screen.findByText(/^Reminders are off\./);
    expect(done.closest("[role=status]")).toHaveTextContent("Reminders are off. You can turn them back on from your account page.");
    expect(screen.getByRole("link", { name: "account page" })).toHaveAttribute("href", "/account");
    expect(done.closest(".outcome")).toHaveFocus();
    const [call] = api.callsTo(UNSUBSCRIBE);
    expect(call.query).toEqual({ token: TOKEN });
    expect(call.body).toBeUndefined();
    expect(call.headers.Authorization).toBeUndefined();
    expect(screen.queryByRole("button", { name: "Turn off reminders" })).not.toBeInTheDocument();
  });

  it("says a refused token is not valid", async () => {
    const api = fakeApi({ [UNSUBSCRIBE]: () => apiError(400, "invalid_token", "This unsubscribe link is not valid.", { token: ["Invalid."] }) });
    const { user } = renderUnsubscribe({ api });
    await user.click(screen.getByRole("button", { name: "Turn off reminders" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(linkNotValid());
    expect(screen.queryByRole("button", { name: "Turn off reminders" })).not.toBeInTheDocument();
  });

  it("says so without asking the server when the link has no token", () => {
    const api = fakeApi();
    renderUnsubscribe({ route: paths.unsubscribe, api });
    expect(screen.getByRole("alert")).toHaveTextContent(linkNotValid());
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
    expect(api.calls).toHaveLength(0);
  });

  it("keeps the button for another try when the server can't be reached", async () => {
    const api = fakeApi({
      [UNSUBSCRIBE]: () => {
        throw new TypeError("Failed to fetch");
      },
    });
    const { user } = renderUnsubscribe({ api });
    await user.click(screen.getByRole("button", { name: "Turn off reminders" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/^Reminders are still on\. We couldn't reach the server/);
    expect(screen.getByRole("button", { name: "Turn off reminders" })).toBeInTheDocument();
  });

  it("stops a guest's emails from a guest email's link, after asking", async () => {
    const GUEST = "POST main /auth/guest-emails/unsubscribe";
    const api = fakeApi({ [GUEST]: () => ok({ unsubscribed: true }) });
    const { user } = renderUnsubscribe({ route: `${paths.unsubscribe}?token=${TOKEN}&guest=1`, api });
    expect(api.calls).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Stop these emails" }));
    expect(await screen.findByText(/^Done: no more emails go to this address/)).toBeInTheDocument();
    expect(api.callsTo(GUEST)[0].query).toEqual({ token: TOKEN });
    expect(api.callsTo(UNSUBSCRIBE)).toHaveLength(0);
  });
});
