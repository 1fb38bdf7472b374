import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { setLanguage } from "../../../lib/i18n.js";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, ok, pageOf } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { AdminStudiosPage } from "./AdminStudiosPage.jsx";

const LOTUS = { id: 1, name: "Lotus Yoga", slug: "lotus-yoga", closed: false, closed_at: null, owners: [{ user_id: 4, name: "Mira Shah", email: "mira@example.com" }], members: 4 };
const CEDAR = { id: 2, name: "Cedar Hall", slug: "cedar-hall", closed: true, closed_at: "2026-11-01T10:00:00+00:00", owners: [], members: 1 };
const NISHA = { id: 9, name: "Nisha Rao", email: "nisha@example.com" };

function renderPage(more = {}) {
  const api = fakeApi({
    "GET main /api/admin/studios": ({ query }) => ok(pageOf([CEDAR, LOTUS], query)),
    "GET main /api/admin/users": ({ query }) => ok({ items: query.q.includes("nisha") ? [NISHA] : [] }),
    "POST main /api/admin/studios/lotus-yoga/owners": ({ body }) => ok({ user_id: body.user_id, role: "owner" }),
    ...more,
  });
  return renderApp(<AdminStudiosPage />, { route: paths.adminStudios, path: paths.adminStudios, api, as: "admin" });
}

describe("AdminStudiosPage", () => {
  it("lists the studios with their owners, members and whether they closed", async () => {
    renderPage();
    const lotus = (await screen.findByText("Lotus Yoga")).closest("tr");
    expect(within(lotus).getByText("Mira Shah (mira@example.com)")).toBeInTheDocument();
    expect(within(lotus).getByText("Open")).toBeInTheDocument();
    const cedar = screen.getByText("Cedar Hall").closest("tr");
    expect(within(cedar).getByText("Closed")).toBeInTheDocument();
    expect(within(cedar).queryByRole("button", { name: "Make owner" })).toBeNull();
  });

  it("tells two studios of one name apart in each owner form's name and label", async () => {
    const twin = { ...LOTUS, id: 3, slug: "lotus-yoga-2" };
    renderApp(<AdminStudiosPage />, {
      route: paths.adminStudios,
      path: paths.adminStudios,
      api: fakeApi({ "GET main /api/admin/studios": ({ query }) => ok(pageOf([LOTUS, twin], query)) }),
      as: "admin",
    });
    expect(await screen.findByRole("form", { name: "Make an owner of Lotus Yoga (lotus-yoga)" })).toBeInTheDocument();
    expect(screen.getByRole("form", { name: "Make an owner of Lotus Yoga (lotus-yoga-2)" })).toBeInTheDocument();
    expect(screen.getByLabelText("Email of the new owner of Lotus Yoga (lotus-yoga-2)")).toBeInTheDocument();
  });

  it("makes the account with the email typed an owner", async () => {
    const { user, api } = renderPage();
    await user.type(await screen.findByLabelText("Email of the new owner of Lotus Yoga (lotus-yoga)"), "Nisha@example.com");
    await user.click(screen.getByRole("button", { name: "Make owner" }));
    expect(await screen.findByText("Nisha Rao is now an owner of Lotus Yoga.")).toBeInTheDocument();
    expect(api.callsTo("GET main /api/admin/users")[0].query.q).toBe("nisha@example.com");
    expect(api.callsTo("POST main /api/admin/studios/lotus-yoga/owners")[0].body).toEqual({ user_id: 9 });
  });

  it("says so when no account has the email, and shows the API's refusal", async () => {
    const { user, api } = renderPage({ "POST main /api/admin/studios/lotus-yoga/owners": () => apiError(404, "studio_not_found", "No such studio.") });
    const field = await screen.findByLabelText("Email of the new owner of Lotus Yoga (lotus-yoga)");
    await user.type(field, "nobody@example.com");
    await user.click(screen.getByRole("button", { name: "Make owner" }));
    expect(await screen.findByText("No account has that email: they sign up first.")).toBeInTheDocument();
    expect(api.callsTo("POST main /api/admin/studios/lotus-yoga/owners")).toHaveLength(0);
    await user.clear(field);
    await user.type(field, "nisha@example.com");
    await user.click(screen.getByRole("button", { name: "Make owner" }));
    expect(await screen.findByText("No such studio.")).toBeInTheDocument();
  });

  it("searches by name or slug from the first page", async () => {
    const { user, api } = renderPage();
    await screen.findByText("Lotus Yoga");
    await user.type(screen.getByLabelText("Find a studio (name or web address)"), "lo");
    await screen.findByText("Lotus Yoga");
    const last = api.callsTo("GET main /api/admin/studios").at(-1);
    expect(last.query).toMatchObject({ q: "lo", page: "1" });
  });

  it("reads in Hindi and Marathi", async () => {
    await setLanguage("hi");
    const { unmount } = renderPage();
    expect(await screen.findByRole("heading", { name: "स्टूडियो" })).toBeInTheDocument();
    expect(await screen.findByRole("form", { name: "Lotus Yoga (lotus-yoga) का मालिक बनाएँ" })).toBeInTheDocument();
    unmount();
    await setLanguage("mr");
    renderPage();
    expect(await screen.findByLabelText("स्टुडिओ शोधा (नाव किंवा वेब पत्ता)")).toBeInTheDocument();
    expect(await screen.findByText("सुरू")).toBeInTheDocument();
  });
});
