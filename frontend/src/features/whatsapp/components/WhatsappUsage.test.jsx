import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { apiError, ok } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { USAGE, usageOf, whatsappApi } from "../test-fixtures.js";
import { WhatsappUsage } from "./WhatsappUsage.jsx";

// 20:00 UTC on 31 March is 1 April in Kolkata: the studio's calendar decides the month.
const NOW = new Date("2031-03-31T20:00:00Z");
const APRIL = usageOf("2031-04", { utility: [120, 4], marketing: [30, 0], service: [12, 12] });

function usageApi({ role = "owner", answer = ({ query }) => ok(query.month === "2031-04" ? APRIL : usageOf(query.month)) } = {}) {
  return whatsappApi({ role, more: { [USAGE]: answer } });
}
const renderUsage = (api) => renderApp(<WhatsappUsage />, { api, as: USERS.user, studios: true });
const rowOf = (name) => screen.getByRole("rowheader", { name }).closest("tr");

describe("WhatsappUsage", () => {
  beforeEach(() => vi.spyOn(Date, "now").mockReturnValue(NOW.getTime()));
  afterEach(() => vi.restoreAllMocks());

  it("shows this month on the studio's calendar: sent, not billable and billable by category, and in all", async () => {
    const api = usageApi();
    renderUsage(api);
    expect(await screen.findByRole("heading", { name: "WhatsApp this month" })).toBeInTheDocument();
    await screen.findByRole("table");
    expect(api.callsTo(USAGE)[0].query).toEqual({ month: "2031-04" });
    expect(within(rowOf("Utility (booking messages)")).getAllByRole("cell").map((cell) => cell.textContent)).toEqual(["120", "4", "116"]);
    expect(within(rowOf("Marketing")).getAllByRole("cell").map((cell) => cell.textContent)).toEqual(["30", "0", "30"]);
    expect(within(rowOf("Service (answers to clients)")).getAllByRole("cell").map((cell) => cell.textContent)).toEqual(["12", "12", "0"]);
    expect(within(rowOf("Total")).getAllByRole("cell").map((cell) => cell.textContent)).toEqual(["162", "16", "146"]);
  });

  it("reads a month before from the picker", async () => {
    const api = usageApi();
    const { user } = renderUsage(api);
    const picker = await screen.findByLabelText("Month");
    expect(within(picker).getAllByRole("option")).toHaveLength(12);
    expect(within(picker).getAllByRole("option")[0]).toHaveTextContent("April 2031");
    await user.selectOptions(picker, "2031-03");
    expect(await screen.findByRole("heading", { name: "WhatsApp in March 2031" })).toBeInTheDocument();
    await waitFor(() => expect(api.callsTo(USAGE).at(-1).query).toEqual({ month: "2031-03" }));
    await waitFor(() => expect(within(rowOf("Total")).getAllByRole("cell").map((cell) => cell.textContent)).toEqual(["0", "0", "0"]));
  });

  it("says the figures couldn't be read, and tries again", async () => {
    let fail = true;
    const api = usageApi({ answer: () => (fail ? apiError(500, "internal_error", "Something went wrong.") : ok(APRIL)) });
    const { user } = renderUsage(api);
    expect(await screen.findByRole("alert")).toHaveTextContent("Couldn't load the WhatsApp figures.");
    fail = false;
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("table")).toBeInTheDocument();
  });

  it("shows nothing, and asks nothing, without money.view", async () => {
    const api = usageApi({ role: "front_desk" });
    renderUsage(api);
    await waitFor(() => expect(api.callsTo("GET main /api/studios")).toHaveLength(1));
    expect(screen.queryByRole("heading", { name: "WhatsApp this month" })).not.toBeInTheDocument();
    expect(api.callsTo(USAGE)).toHaveLength(0);
  });
});
