import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../../../test/render.jsx";
import { BookingOutcome } from "./BookingOutcome.jsx";

describe("BookingOutcome", () => {
  it("sends a buyer asked for their address (a GST invoice of ₹50,000 or more) to their billing details", async () => {
    const error = { code: "billing_address_required", message: "An invoice of ₹50,000 or more before tax names the buyer's address and state (GST): add them to your billing details in your account, then pay again." };
    renderApp(<BookingOutcome outcome={{ error, texts: {} }} />);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("₹50,000 or more before tax names the buyer's address and state");
    expect(within(alert).getByRole("link", { name: "Add your billing address" })).toHaveAttribute("href", "/account");
  });
});
