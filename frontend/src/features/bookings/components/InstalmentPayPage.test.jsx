import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { leaveApp } from "../../../lib/leave-app.js";
import { paths, patterns } from "../../../lib/paths.js";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { InstalmentPayPage } from "./InstalmentPayPage.jsx";

const PAY = "POST main /bookings/5/instalments/2/pay";

function renderWith(answer) {
  const api = fakeApi({ [PAY]: answer });
  renderApp(<InstalmentPayPage />, { route: paths.instalmentPay(5, 2), path: patterns.instalmentPay, api, as: "user" });
  return api;
}

afterEach(() => vi.restoreAllMocks());

describe("InstalmentPayPage: an instalment email's pay link", () => {
  it("opens that instalment's checkout once", async () => {
    const went = [];
    vi.spyOn(leaveApp, "go").mockImplementation((url) => went.push(url));
    const api = renderWith(() => ok({ booking_id: 5, number: 2, checkout_url: "https://pay.test/c/2" }));
    await vi.waitFor(() => expect(went).toEqual(["https://pay.test/c/2"]));
    expect(api.callsTo(PAY)).toHaveLength(1);
  });

  it("says an instalment is paid already", async () => {
    renderWith(() => apiError(409, "instalment_paid", "Instalment 2 is paid already."));
    expect(await screen.findByText("This instalment is paid already. Thank you!")).toBeInTheDocument();
  });
});
