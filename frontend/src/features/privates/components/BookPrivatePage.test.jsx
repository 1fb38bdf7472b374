import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths, patterns } from "../../../lib/paths.js";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { BookPrivatePage } from "./BookPrivatePage.jsx";
import { MyPrivatesPage } from "./MyPrivatesPage.jsx";

const SERVICES = "GET main /api/public/studios/lotus/appointment-services";
const SLOTS = "GET main /api/public/studios/lotus/appointment-services/4/slots";
const BOOK = "POST main /appointments";
const PASSES = "GET main /me/passes";
const MINE = "GET main /appointments";
const MOVE = "POST main /appointments/9/move";

const service = { id: 4, name: "Private yoga", duration_minutes: 60, price: 150000, credits: 2, online: false, location: "Room 2", teachers: [{ id: 7, name: "Meera" }, { id: 8, name: "Ravi" }] };
// 09:00 and 10:30 in Kolkata on Thursday 3 December 2026.
const slots = {
  timezone: "Asia/Kolkata",
  items: [
    { starts_at: "2026-12-03T03:30:00+00:00", ends_at: "2026-12-03T04:30:00+00:00", teacher: { id: 7, name: "Meera" } },
    { starts_at: "2026-12-03T05:00:00+00:00", ends_at: "2026-12-03T06:00:00+00:00", teacher: { id: 8, name: "Ravi" } },
  ],
};
const pack = { id: 21, name: "5-class pack", kind: "pack", credits_left: 3, valid: true };
const appointment = { id: 9, session_id: 30, starts_at: slots.items[0].starts_at, ends_at: slots.items[0].ends_at, service: { id: 4, name: "Private yoga" }, teacher: { id: 7, name: "Meera" }, studio: { slug: "lotus", name: "Lotus Yoga" }, booking: { id: 55, status: "active" } };

function renderBook(handlers = {}, as = "user") {
  // as: null renders it signed out.
  const api = fakeApi({ [SERVICES]: () => ok({ items: [service] }), [SLOTS]: () => ok(slots), [PASSES]: () => ok({ items: [pack] }), ...handlers });
  return renderApp(<BookPrivatePage />, { route: paths.studioPrivates("lotus"), path: patterns.studioPrivates, api, as });
}

describe("BookPrivatePage", () => {
  it("books a chosen teacher's time with a pass's credits", async () => {
    const { user, api } = renderBook({ [BOOK]: () => reply(201, { id: 55, status: "active", appointment }) });
    await user.click(await screen.findByRole("radio", { name: /Private yoga/ }));
    expect(screen.getByRole("radio", { name: /60 minutes · ₹1,500 or 2 pass credits · Room 2/ })).toBeChecked();
    await user.selectOptions(screen.getByRole("combobox", { name: "Teacher" }), "7");
    expect(api.callsTo(SLOTS).at(-1).query).toMatchObject({ teacher_id: "7", days: "14" });
    // Meera's own times say no more than when.
    const nine = await screen.findByRole("button", { name: /^09:00 am$/i });
    await user.click(nine);
    expect(nine).toHaveAttribute("aria-pressed", "true");
    await user.selectOptions(await screen.findByRole("combobox", { name: "Pay with" }), "21");
    await user.click(screen.getByRole("button", { name: "Book this time" }));
    expect(await screen.findByText(/^Booked for/)).toHaveTextContent("Meera");
    expect(api.callsTo(BOOK)[0].body).toEqual({ service_id: 4, starts_at: slots.items[0].starts_at, teacher_id: 7, pass_id: 21 });
  });

  it("says why a time was taken meanwhile and keeps the page", async () => {
    const { user } = renderBook({ [BOOK]: () => apiError(409, "teacher_busy", "The teacher is no longer free at that time: choose another time.") });
    await user.click(await screen.findByRole("radio", { name: /Private yoga/ }));
    await user.click(await screen.findByRole("button", { name: /10:30 am with Ravi/i }));
    await user.click(screen.getByRole("button", { name: "Book this time" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("no longer free");
  });

  it("shows the times to anyone and asks to sign in to book", async () => {
    const { user } = renderBook({}, null);
    await user.click(await screen.findByRole("radio", { name: /Private yoga/ }));
    await user.click(await screen.findByRole("button", { name: /09:00 am with Meera/i }));
    expect(screen.getByRole("link", { name: "Sign in to book this time" })).toHaveAttribute("href", paths.login);
  });
});

describe("MyPrivatesPage", () => {
  it("moves a private to another free time", async () => {
    const api = fakeApi({ [MINE]: () => ok({ items: [appointment] }), [SERVICES]: () => ok({ items: [service] }), [SLOTS]: () => ok(slots), [MOVE]: () => ok({ ...appointment, starts_at: slots.items[1].starts_at }) });
    const { user } = renderApp(<MyPrivatesPage />, { route: paths.myPrivates, path: paths.myPrivates, api, as: "user" });
    expect(await screen.findByRole("heading", { name: "Private yoga" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Move" }));
    await user.selectOptions(await screen.findByRole("combobox", { name: "Teacher" }), "");
    await user.click(await screen.findByRole("button", { name: /10:30 am with Ravi/i }));
    await user.click(screen.getByRole("button", { name: /^Move to/ }));
    expect(await screen.findByText(/^Moved/)).toBeInTheDocument();
    expect(api.callsTo(MOVE)[0].body).toEqual({ starts_at: slots.items[1].starts_at });
  });
});
