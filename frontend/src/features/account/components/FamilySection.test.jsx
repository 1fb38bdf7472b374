import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, NO_BILLING, NO_WHATSAPP, ok, reply } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { isGrown } from "../family.js";
import { AccountPage } from "./AccountPage.jsx";

const CONSENT = { version: "2026-11", wording: "I agree, as their parent, that the studio keeps my child's details.", sha256: "a".repeat(64) };

/** /auth/me of a person who books, and their family on the server. */
function familyApi({ remove, more = [], routes = {} } = {}) {
  let children = [{ id: 4, name: "Asha", date_of_birth: "2018-04-02", notes_for_teacher: "Asthma: inhaler in her bag.", consent: {} }, ...more];
  return fakeApi({
    ...NO_BILLING,
    ...NO_WHATSAPP,
    "GET main /auth/me": () => ok({ ...USERS.user, created_at: "2026-01-05T10:00:00+00:00", reminders_enabled: true, calendar_feed_url: "https://x/y.ics" }),
    "GET main /me/family/children": () => ok({ items: children, consent: CONSENT }),
    "POST main /me/family/children": ({ body }) => {
      if (!body.consent) return apiError(400, "validation_error", "Invalid input.", { consent: ["A child is added with their guardian's consent."] });
      const child = { id: 5, ...body, consent: {} };
      children = [...children, child];
      return reply(201, child);
    },
    "DELETE main /me/family/children/4": () => remove?.() ?? ((children = children.filter((c) => c.id !== 4)), reply(204, null)),
    "POST main /me/family/invitations": ({ body }) => reply(201, { email: body.email, expires_in_seconds: 604800 }),
    ...routes,
  });
}

async function openSection(api) {
  const rendered = renderApp(<AccountPage />, { route: paths.account, api, as: "user" });
  return { ...rendered, section: await screen.findByRole("region", { name: "Your family" }) };
}

describe("Your family", () => {
  it("lists the children and adds one only with the guardian's consent to the words shown", async () => {
    const api = familyApi();
    const { user, section } = await openSection(api);
    expect(await within(section).findByText("Asha")).toBeInTheDocument();
    expect(section).toHaveTextContent("Asthma: inhaler in her bag.");
    expect(section).toHaveTextContent(CONSENT.wording);
    const form = within(section).getByRole("form", { name: "Add a child" });
    await user.type(within(form).getByLabelText("Child's name"), "Ravi");
    await user.type(within(form).getByLabelText("Date of birth"), "2016-01-09");
    await user.click(within(form).getByRole("button", { name: "Add child" }));
    expect(await within(form).findByText("A child is added with their guardian's consent.")).toBeInTheDocument();
    await user.click(within(form).getByLabelText("I agree, as their parent or legal guardian"));
    await user.click(within(form).getByRole("button", { name: "Add child" }));
    expect(await within(section).findByText("Ravi is on your family.")).toBeInTheDocument();
    expect(api.callsTo("POST main /me/family/children").at(-1).body).toEqual({ name: "Ravi", date_of_birth: "2016-01-09", notes_for_teacher: null, consent: true });
    expect(await within(section).findByText("Ravi")).toBeInTheDocument();
  });

  it("removes a child after confirming, and says why when a class ahead holds them", async () => {
    let refuse = true;
    const api = familyApi({ remove: () => (refuse ? apiError(409, "dependent_booked", "Cancel Asha's class ahead first.") : undefined) });
    const { user, section } = await openSection(api);
    await user.click(await within(section).findByRole("button", { name: "Remove Asha" }));
    const dialog = screen.getByRole("dialog", { name: "Remove Asha?" });
    await user.click(within(dialog).getByRole("button", { name: "Remove" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Cancel Asha's class ahead first.");
    refuse = false;
    await user.click(within(dialog).getByRole("button", { name: "Remove" }));
    expect(await within(section).findByText("Asha is removed from your family.")).toBeInTheDocument();
    expect(within(section).queryByRole("button", { name: "Remove Asha" })).not.toBeInTheDocument();
  });

  it("invites a second guardian by email", async () => {
    const api = familyApi();
    const { user, section } = await openSection(api);
    const form = await within(section).findByRole("form", { name: "Invite a second guardian" });
    await user.type(within(form).getByLabelText("Their email address"), "meera@example.com");
    await user.click(within(form).getByRole("button", { name: "Send invitation" }));
    expect(await within(form).findByText("Invitation sent to meera@example.com.")).toBeInTheDocument();
    expect(api.callsTo("POST main /me/family/invitations")[0].body).toEqual({ email: "meera@example.com" });
  });

  it("gives a child of 18 a login of their own, and a younger child no such button", async () => {
    const meera = { id: 6, name: "Meera", date_of_birth: "2000-03-01", notes_for_teacher: null, consent: {} };
    const taken = () => apiError(409, "email_taken", "An account with this email already exists.");
    let answer = taken;
    const api = familyApi({ more: [meera], routes: { "POST main /me/family/children/6/own-login": (request) => answer(request) } });
    const { user, section } = await openSection(api);
    expect(await within(section).findByText("Meera")).toBeInTheDocument();
    expect(within(section).queryByRole("button", { name: "Give Asha their own login" })).not.toBeInTheDocument();
    await user.click(within(section).getByRole("button", { name: "Give Meera their own login" }));
    const dialog = screen.getByRole("dialog", { name: "Give Meera their own login?" });
    await user.type(within(dialog).getByLabelText("Meera's email address"), "meera@example.com");
    await user.click(within(dialog).getByRole("button", { name: "Make their account" }));
    expect(await within(dialog).findByText("An account with this email already exists.")).toBeInTheDocument();
    answer = ({ body }) => reply(201, { user_id: 40, email: body.email, bookings: 3 });
    await user.click(within(dialog).getByRole("button", { name: "Make their account" }));
    expect(await within(section).findByText("Meera has their own login now: an email to meera@example.com says how to set its password.")).toBeInTheDocument();
    expect(api.callsTo("POST main /me/family/children/6/own-login").map((call) => call.body)).toEqual([{ email: "meera@example.com" }, { email: "meera@example.com" }]);
  });

  it("counts 18 from the birthday itself", () => {
    expect(isGrown("2008-11-30", new Date(2026, 10, 30))).toBe(true);
    expect(isGrown("2008-12-01", new Date(2026, 10, 30))).toBe(false);
    expect(isGrown("2009-01-01", new Date(2026, 11, 31))).toBe(false);
  });
});
