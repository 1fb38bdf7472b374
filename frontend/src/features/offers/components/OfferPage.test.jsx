import { screen } from "@testing-library/react";
import { Route } from "react-router";
import { describe, expect, it } from "vitest";
import { setLanguage } from "../../../lib/i18n.js";
import { paths, patterns } from "../../../lib/paths.js";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { OfferPage } from "./OfferPage.jsx";

const OFFER_GONE = "This offer was taken, declined or has ended, so no seat is kept for it now.";

const TOKEN = "eyJvIjo3fQ~signature";
const SHOW = `GET main /waitlist/offers/${TOKEN}`;
const ACCEPT = `POST main /waitlist/offers/${TOKEN}/accept`;
const DECLINE = `POST main /waitlist/offers/${TOKEN}/decline`;

const offer = (overrides = {}) => ({
  status: "open",
  expires_at: "2031-03-24T03:30:00+00:00",
  expires_local: "Mon 24 Mar 2031, 09:00 IST",
  session_id: 12,
  starts_at: "2031-03-24T04:30:00+00:00",
  ends_at: "2031-03-24T06:00:00+00:00",
  event: { id: 3, title: "Sunrise Flow", location: "Studio 1", timezone: "Asia/Kolkata" },
  price: 0,
  currency: "INR",
  price_text: "",
  ...overrides,
});

function renderOffer(handlers) {
  const api = fakeApi({ [SHOW]: () => ok(offer()), ...handlers });
  const routes = <Route path={patterns.bookingPayment} element={<h1>Payment page</h1>} />;
  return renderApp(<OfferPage />, { route: paths.offer(TOKEN), path: patterns.offer, api, routes });
}

describe("OfferPage", () => {
  it("shows the offer and takes the seat with the link alone, signed out", async () => {
    const { user, api } = renderOffer({ [ACCEPT]: () => reply(201, { id: 40, status: "active" }) });
    expect(await screen.findByRole("heading", { name: "Sunrise Flow" })).toBeInTheDocument();
    expect(screen.getByText(/kept for you until/)).toHaveTextContent("Mon 24 Mar 2031, 09:00 IST");
    await user.click(screen.getByRole("button", { name: "Take the seat" }));
    expect(await screen.findByText(/^The seat is yours/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "your bookings" })).toHaveAttribute("href", paths.myBookings);
    const [call] = api.callsTo(ACCEPT);
    expect(call.headers.Authorization).toBeUndefined();
    expect(screen.queryByRole("button", { name: "Decline" })).not.toBeInTheDocument();
  });

  it("takes a paid seat to its payment page", async () => {
    const { user } = renderOffer({
      [SHOW]: () => ok(offer({ price: 50000, price_text: "₹500.00" })),
      [ACCEPT]: () => reply(201, { id: 41, status: "pending_payment" }),
    });
    await user.click(await screen.findByRole("button", { name: "Take the seat and pay ₹500.00" }));
    expect(await screen.findByRole("heading", { name: "Payment page" })).toBeInTheDocument();
  });

  it("declines, and says the seat went on", async () => {
    const { user, api } = renderOffer({ [DECLINE]: () => ok({ status: "declined" }) });
    await user.click(await screen.findByRole("button", { name: "Decline" }));
    expect(await screen.findByText(/^You declined the seat/)).toBeInTheDocument();
    expect(api.callsTo(ACCEPT)).toHaveLength(0);
  });

  it("says clearly when the time ran out before taking it", async () => {
    const ended = "This offer ended at Mon 24 Mar 2031, 09:00 IST and the seat went to the next person in line.";
    const { user } = renderOffer({ [ACCEPT]: () => apiError(409, "offer_expired", ended) });
    await user.click(await screen.findByRole("button", { name: "Take the seat" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(ended);
    expect(screen.getByRole("link", { name: "Find another session" })).toHaveAttribute("href", paths.events);
  });

  it("offers no buttons for an offer past its time or one already used", async () => {
    renderOffer({ [SHOW]: () => ok(offer({ status: "ended" })) });
    expect(await screen.findByRole("alert")).toHaveTextContent(/^This offer ended at Mon 24 Mar 2031, 09:00 IST/);
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });

  it("says a link that was used or is not ours holds nothing", async () => {
    renderOffer({ [SHOW]: () => apiError(404, "offer_not_found", "gone") });
    expect(await screen.findByRole("alert")).toHaveTextContent(OFFER_GONE);
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });

  it("reads in Hindi", async () => {
    await setLanguage("hi");
    renderOffer({ [SHOW]: () => ok(offer({ price: 50_000, price_text: "₹500.00" })) });
    expect(await screen.findByRole("heading", { level: 1, name: "आपके लिए एक सीट खाली हुई है" })).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: "सीट लें और ₹500.00 का भुगतान करें" })).toBeInTheDocument();
    expect(screen.getByText(/तक रखी है/)).toHaveTextContent("सीट आपके लिए Mon 24 Mar 2031, 09:00 IST तक रखी है।");
  });
});
