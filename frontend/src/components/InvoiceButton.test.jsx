import { screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeApi, ok } from "../test/fake-api.js";
import { renderApp } from "../test/render.jsx";
import { InvoiceButton } from "./InvoiceButton.jsx";

const MINE = [
  { id: 12, kind: "credit_note", number: "CN-000004", booking_id: 9, pass_id: null },
  { id: 11, kind: "invoice", number: "INV-000031", booking_id: 9, pass_id: null },
  { id: 10, kind: "invoice", number: "INV-000030", booking_id: null, pass_id: 3 },
];

describe("InvoiceButton", () => {
  afterEach(() => vi.restoreAllMocks());

  it("downloads the invoice of the booking or pass as its number", async () => {
    const clicked = [];
    URL.createObjectURL = vi.fn(() => "blob:pdf");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function click() {
      clicked.push(this.download);
    });
    const api = fakeApi({
      "GET main /me/invoices": () => ok({ items: MINE }),
      "GET main /me/invoices/11.pdf": () => ok("%PDF"),
      "GET main /me/invoices/10.pdf": () => ok("%PDF"),
    });
    const { user } = renderApp(
      <>
        <InvoiceButton bookingId={9} />
        <InvoiceButton passId={3} />
      </>,
      { api, as: "user" },
    );
    const [booking, pass] = screen.getAllByRole("button", { name: "Invoice" });
    await user.click(booking);
    await waitFor(() => expect(clicked).toEqual(["INV-000031.pdf"]));
    await user.click(pass);
    await waitFor(() => expect(clicked).toEqual(["INV-000031.pdf", "INV-000030.pdf"]));
  });

  it("downloads a refunded booking's credit note", async () => {
    const clicked = [];
    URL.createObjectURL = vi.fn(() => "blob:pdf");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function click() {
      clicked.push(this.download);
    });
    const api = fakeApi({ "GET main /me/invoices": () => ok({ items: MINE }), "GET main /me/invoices/12.pdf": () => ok("%PDF") });
    const { user } = renderApp(<InvoiceButton bookingId={9} kind="credit_note" />, { api, as: "user" });
    await user.click(screen.getByRole("button", { name: "Credit note" }));
    await waitFor(() => expect(clicked).toEqual(["CN-000004.pdf"]));
  });

  it("says so when the invoice is not there yet", async () => {
    const api = fakeApi({ "GET main /me/invoices": () => ok({ items: [] }) });
    const { user } = renderApp(<InvoiceButton bookingId={9} />, { api, as: "user" });
    await user.click(screen.getByRole("button", { name: "Invoice" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("No invoice yet: it is issued when the payment arrives.");
  });
});
