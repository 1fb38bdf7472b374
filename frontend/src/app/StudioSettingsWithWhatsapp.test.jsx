import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { NUMBER, USAGE, numberOf, usageOf } from "../features/whatsapp/test-fixtures.js";
import { paths } from "../lib/paths.js";
import { fakeApi, ok } from "../test/fake-api.js";
import { USERS, renderApp } from "../test/render.jsx";
import { makeStudio, studioList } from "../test/studios.js";
import { StudioSettingsWithWhatsapp } from "./StudioSettingsWithWhatsapp.jsx";

const BASE = "main /api/studios/lotus-yoga";

function settingsApi() {
  return fakeApi({
    "GET main /api/studios": () => ok(studioList(makeStudio("owner"))),
    [`GET ${BASE}/payments`]: () => ok({ provider: "install", install_provider: "test", keys_hint: null, keys_set_at: null, webhook_url: null, choices: ["install"], key_fields: {} }),
    [`GET ${BASE}`]: () => ok({ ...makeStudio("owner"), embed_origins: [] }),
    "GET main /api/public/studios/lotus-yoga": () => ok({ studio: { slug: "lotus-yoga", embed_origins: [] }, events: [], events_total: 0, passes: [] }),
    [USAGE]: ({ query }) => ok(usageOf(query.month, { utility: [7, 1] })),
    [NUMBER]: () => ok(numberOf("own")),
  });
}

describe("StudioSettingsWithWhatsapp", () => {
  it("shows the owner the studio's WhatsApp number, then its WhatsApp this month, after the settings", async () => {
    renderApp(<StudioSettingsWithWhatsapp />, { route: paths.studioSettings, api: settingsApi(), as: USERS.user, studios: true });
    const card = (await screen.findByRole("heading", { name: "WhatsApp this month" })).closest("section");
    const total = (await within(card).findByRole("rowheader", { name: "Total" })).closest("tr");
    expect(within(total).getAllByRole("cell").map((cell) => cell.textContent)).toEqual(["7", "1", "6"]);
    expect(screen.getByRole("heading", { level: 1, name: "Studio settings" })).toBeInTheDocument();
    const number = screen.getByRole("region", { name: "WhatsApp number" });
    expect(await within(number).findByText("The studio's own number", { selector: "dd" })).toBeInTheDocument();
    expect(number.compareDocumentPosition(card) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
