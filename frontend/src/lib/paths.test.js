import { matchPath } from "react-router";
import { describe, expect, it } from "vitest";
import { inFacilitatorArea, paths, patterns } from "./paths.js";

describe("paths", () => {
  it("builds the URL of each page", () => {
    expect(paths.events).toBe("/");
    expect(paths.event(3)).toBe("/events/3");
    expect(paths.login).toBe("/login");
    expect(paths.register).toBe("/register");
    expect(paths.forgotPassword).toBe("/forgot-password");
    expect(paths.resetPassword).toBe("/reset-password");
    expect(paths.unsubscribe).toBe("/unsubscribe");
    expect(paths.feedback).toBe("/feedback");
    expect(paths.mailbox).toBe("/mailbox");
    expect(paths.myBookings).toBe("/bookings");
    expect(paths.myPasses).toBe("/my-passes");
    expect(paths.bookingPayment(50)).toBe("/bookings/50/payment");
    expect(paths.join(123)).toBe("/join/123");
    expect(paths.account).toBe("/account");
    expect(paths.myForms()).toBe("/account/forms");
    expect(paths.myForms("lotus yoga")).toBe("/account/forms?studio=lotus%20yoga");
    expect(paths.signForm(5, "lotus-yoga")).toBe("/account/forms/5?studio=lotus-yoga");
    expect(paths.myForms("lotus-yoga", 7)).toBe("/account/forms?studio=lotus-yoga&for=7");
    expect(paths.signForm(5, "lotus-yoga", 7)).toBe("/account/forms/5?studio=lotus-yoga&for=7");
    expect(paths.studioForms).toBe("/facilitator/forms");
    expect(paths.automations).toBe("/facilitator/automations");
    expect(paths.facilitator).toBe("/facilitator");
    expect(paths.facilitatorLogin).toBe("/facilitator/login");
    expect(paths.newEvent).toBe("/facilitator/events/new");
    expect(paths.facilitatorEvent(4)).toBe("/facilitator/events/4");
    expect(paths.facilitatorSession(9)).toBe("/facilitator/sessions/9");
    expect(paths.facilitatorCheckin(9)).toBe("/facilitator/sessions/9/checkin");
    expect(paths.inbox).toBe("/facilitator/inbox");
    expect(paths.integration).toBe("/facilitator/integration");
    expect(paths.studioMembers).toBe("/facilitator/members");
    expect(paths.studioAudit).toBe("/facilitator/audit");
    expect(paths.frontDesk).toBe("/facilitator/desk");
    expect(paths.reports).toBe("/facilitator/reports");
    expect(paths.myTeaching).toBe("/facilitator/teaching");
    expect(paths.newStudio).toBe("/studios/new");
    expect(paths.invitation("a~b-c_d")).toBe("/invitations/a~b-c_d");
    expect(paths.studio("lotus-yoga")).toBe("/studios/lotus-yoga");
  });

  it("builds URLs the route patterns match, with the id as the parameter", () => {
    expect(matchPath(patterns.event, paths.event(3)).params).toEqual({ eventId: "3" });
    expect(matchPath(patterns.bookingPayment, paths.bookingPayment(50)).params).toEqual({ bookingId: "50" });
    expect(matchPath(patterns.join, paths.join(123)).params).toEqual({ bookingId: "123" });
    expect(matchPath(patterns.facilitatorEvent, paths.facilitatorEvent(4)).params).toEqual({ eventId: "4" });
    expect(matchPath(patterns.facilitatorSession, paths.facilitatorSession(9)).params).toEqual({ sessionId: "9" });
    expect(matchPath(patterns.facilitatorCheckin, paths.facilitatorCheckin(9)).params).toEqual({ sessionId: "9" });
    expect(matchPath(patterns.invitation, paths.invitation("Ab~c-d")).params).toEqual({ token: "Ab~c-d" });
    expect(matchPath(patterns.studio, paths.studio("lotus-yoga")).params).toEqual({ slug: "lotus-yoga" });
    expect(paths.embedTimetable("lotus-yoga")).toBe("/embed/lotus-yoga/timetable");
    expect(matchPath(patterns.embedTimetable, paths.embedTimetable("lotus-yoga")).params).toEqual({ slug: "lotus-yoga" });
    expect(paths.embedEvent("lotus-yoga", 7)).toBe("/embed/lotus-yoga/events/7");
    expect(matchPath(patterns.embedEvent, paths.embedEvent("lotus-yoga", 7)).params).toEqual({ slug: "lotus-yoga", eventId: "7" });
  });

  it("keeps an id that is not a plain number inside its own path segment", () => {
    expect(paths.event("a/b")).toBe("/events/a%2Fb");
  });

  it("gives every page its own absolute path", () => {
    const fixed = Object.values(paths).filter((value) => typeof value === "string");
    expect(new Set(fixed).size).toBe(fixed.length);
    for (const path of [...fixed, ...Object.values(patterns)]) expect(path).toMatch(/^\//);
  });

  it("knows the staff area: the dashboard and every page below it", () => {
    expect(inFacilitatorArea(paths.facilitator)).toBe(true);
    expect(inFacilitatorArea(paths.facilitatorSession(9))).toBe(true);
    expect(inFacilitatorArea(paths.events)).toBe(false);
    expect(inFacilitatorArea(paths.event(1))).toBe(false);
  });

  it("shows a booking's event on its page, and a private session's among the person's privates", () => {
    expect(paths.bookedEvent({ event: { id: 3 } })).toBe("/events/3");
    expect(paths.bookedEvent({ event: {}, session: { event_id: 4 } })).toBe("/events/4");
    expect(paths.bookedEvent({ event: { id: 5, private: true } })).toBe(paths.myPrivates);
  });
});
