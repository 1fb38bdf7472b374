/** The programme in Hindi: the dashboard reads from the hi catalogue, its counts through ICU plurals. */
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { setLanguage } from "../../../lib/i18n.js";
import { fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { paths } from "../../../lib/paths.js";
import { event, inDays, page, session } from "../test-fixtures.js";
import { DashboardPage } from "./DashboardPage.jsx";

const EVENTS = "GET main /api/facilitator/2/events";

describe("DashboardPage in Hindi", () => {
  it("shows its heading, summary, table and actions in Hindi", async () => {
    await setLanguage("hi", { remember: false });
    const yoga = event({ id: 1, title: "Morning Vinyasa Flow", sessions: [session({ id: 11, starts_at: inDays(2), ends_at: inDays(2, 1), capacity: 10, seats_taken: 3 })] });
    const api = fakeApi({ [EVENTS]: () => ok(page([yoga])) });
    renderApp(<DashboardPage />, { route: paths.facilitator, api, as: "facilitator" });

    expect(screen.getByRole("heading", { level: 1, name: "मेरे कार्यक्रम" })).toBeInTheDocument();
    const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    expect(screen.getByText("1 कार्यक्रम · 1 आगामी सेशन · 3 सक्रिय बुकिंग")).toBeInTheDocument();
    expect(within(card).getAllByRole("columnheader").map((th) => th.textContent)).toEqual(["कब", "बुक हुईं", "बची सीटें", "स्थिति", "कार्रवाई"]);
    expect(within(card).getByText("खुला")).toBeInTheDocument();
    expect(within(card).getByRole("link", { name: "कार्यक्रम बदलें" })).toBeInTheDocument();
  });
});
