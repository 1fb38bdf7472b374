import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { makeStudio, studioList } from "../../../test/studios.js";
import { ApiTokensPage } from "./ApiTokensPage.jsx";

const TOKENS = "/api/studios/lotus-yoga/tokens";
const GRANTABLE = ["studio.view", "studio.settings", "reports.view", "clients.view", "desk.checkin"];
const accounting = { id: 3, name: "Accounting", prefix: "srk_3f9a1c2b7d4e", permissions: ["reports.view"], made_by: "Asha Verma", created_at: "2026-11-20T04:30:00+00:00", expires_at: "2099-02-18T04:30:00+00:00", last_used_at: "2026-11-30T10:00:00+00:00", revoked_at: null };
const old = { ...accounting, id: 2, name: "Old website", prefix: "srk_0a1b2c3d4e5f", revoked_at: "2026-11-25T04:30:00+00:00" };

function renderTokens(handlers = {}) {
  const api = fakeApi({ "GET main /api/studios": () => ok(studioList(makeStudio("owner"))), [`GET main ${TOKENS}`]: () => ok({ items: [accounting, old], grantable: GRANTABLE }), ...handlers });
  return renderApp(<ApiTokensPage />, { route: paths.apiTokens, api, as: USERS.user, studios: true });
}

describe("the studio's API tokens", () => {
  it("lists each token with what it may do, its state, last use and maker, and revokes one after asking", async () => {
    const { user, api } = renderTokens({ [`DELETE main ${TOKENS}/3`]: () => reply(204, null) });
    const row = (await screen.findByRole("heading", { name: /Accounting/ })).closest("li");
    expect(within(row).getByText("Active")).toBeInTheDocument();
    expect(within(row).getByText("May: Run every report")).toBeInTheDocument();
    expect(within(row).getByText(/^by Asha Verma on/)).toBeInTheDocument();
    const revoked = screen.getByRole("heading", { name: /Old website/ }).closest("li");
    expect(within(revoked).getByText("Revoked", { selector: ".token-state" })).toBeInTheDocument();
    expect(within(revoked).queryByRole("button")).toBeNull();
    await user.click(within(row).getByRole("button", { name: "Revoke “Accounting”" }));
    const dialog = screen.getByRole("dialog", { name: "Revoke “Accounting”?" });
    await user.click(within(dialog).getByRole("button", { name: "Revoke token" }));
    expect(api.callsTo(`DELETE main ${TOKENS}/3`)).toHaveLength(1);
  });

  it("makes a token with the permissions ticked and shows it once, to copy", async () => {
    const made = { ...accounting, id: 4, name: "Website timetable", permissions: ["studio.view"], last_used_at: null, token: "srk_aaaaaaaaaaaa_secretpart" };
    const { user, api } = renderTokens({ [`POST main ${TOKENS}`]: () => reply(201, made) });
    await user.click(await screen.findByRole("button", { name: "Make token" }));
    expect(screen.getByText("Say what the token is for.")).toBeInTheDocument();
    expect(screen.getByText("Tick at least one thing the token may do.")).toBeInTheDocument();
    expect(api.callsTo(`POST main ${TOKENS}`)).toHaveLength(0);
    await user.type(screen.getByLabelText(/What it is for/), "Website timetable");
    const studio = screen.getByRole("group", { name: "Studio" });
    await user.click(within(studio).getByRole("checkbox", { name: "See the studio's settings" }));
    await user.selectOptions(screen.getByLabelText("Expires after"), "Never (until revoked)");
    await user.click(screen.getByRole("button", { name: "Make token" }));
    expect(api.callsTo(`POST main ${TOKENS}`)[0].body).toEqual({ name: "Website timetable", permissions: ["studio.view"], expires_in_days: null });
    expect(await screen.findByRole("heading", { name: "Your new token “Website timetable”" })).toBeInTheDocument();
    expect(screen.getByLabelText("Token")).toHaveValue("srk_aaaaaaaaaaaa_secretpart");
    await user.click(screen.getByRole("button", { name: "I have copied it" }));
    expect(screen.queryByLabelText("Token")).toBeNull();
  });

  it("shows the API's refusal beside its field", async () => {
    const refusal = () => apiError(400, "validation_error", "Some fields are not valid.", { name: ["Longer than maximum length 100."] });
    const { user } = renderTokens({ [`POST main ${TOKENS}`]: refusal });
    await user.type(await screen.findByLabelText(/What it is for/), "Tool");
    await user.click(screen.getByRole("checkbox", { name: "Run every report" }));
    await user.click(screen.getByRole("button", { name: "Make token" }));
    expect(await screen.findByText("Longer than maximum length 100.")).toBeInTheDocument();
  });
});
