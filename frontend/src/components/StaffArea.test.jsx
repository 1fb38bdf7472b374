import { screen, within } from "@testing-library/react";
import { Route } from "react-router";
import { describe, expect, it } from "vitest";
import { paths } from "../lib/paths.js";
import { fakeApi, ok } from "../test/fake-api.js";
import { renderApp } from "../test/render.jsx";
import { makeStudio, studioList } from "../test/studios.js";
import { Permitted, StaffArea } from "./StaffArea.jsx";

const LOTUS = makeStudio("owner");
const RIVER = makeStudio("front_desk", { id: 5, name: "River Room", slug: "river-room" });

/** The staff area as App.jsx routes it, with two pages standing in. */
const area = (
  <Route element={<StaffArea />}>
    <Route path={paths.facilitator} element={<h1>Dashboard</h1>} />
    <Route path={paths.studioMembers} element={<Permitted permission="members.view"><h1>Members page</h1></Permitted>} />
    <Route path={paths.facilitatorSession(3)} element={<h1>Session 3</h1>} />
  </Route>
);

function renderArea(route, { studios = [], as = "user" } = {}) {
  const api = fakeApi({ "GET main /api/studios": () => ok(studioList(...studios)) });
  return renderApp(null, { route, path: "/unused", routes: area, api, as, studios: true });
}

const staffNav = () => within(screen.getByRole("navigation", { name: "Staff" }));

describe("StaffArea", () => {
  it("sends a visitor to the staff login, to come back after", () => {
    renderArea(paths.studioMembers, { as: null });
    expect(screen.getByRole("heading", { name: "Facilitator login page" })).toBeInTheDocument();
  });

  it("lets in a user account that is a studio's member, whatever its role", async () => {
    renderArea(paths.facilitator, { studios: [RIVER] });
    expect(await screen.findByRole("heading", { name: "Dashboard" })).toBeInTheDocument();
    expect(screen.getByText("River Room")).toBeInTheDocument();
    expect(screen.getByText("Front desk", { selector: ".role-tag" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Public page" })).toHaveAttribute("href", paths.studio(RIVER.slug));
  });

  it("explains to an account that is nobody's staff how to get in", async () => {
    renderArea(paths.facilitator);
    expect(await screen.findByRole("heading", { name: "Not available for this account" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Create a studio" })).toHaveAttribute("href", paths.newStudio);
  });

  it("keeps a page from a role without its permission, saying why", async () => {
    renderArea(paths.studioMembers, { studios: [RIVER] });
    expect(await screen.findByRole("heading", { name: "Not part of your role" })).toBeInTheDocument();
    expect(screen.getByText(/Your role at River Room \(front desk\) doesn't include this page/)).toBeInTheDocument();
  });

  it("lets a facilitator without a studio into their own events", async () => {
    renderArea(paths.facilitator, { as: "facilitator" });
    expect(await screen.findByRole("heading", { name: "Dashboard" })).toBeInTheDocument();
    expect(screen.getByText("Your own events")).toBeInTheDocument();
    expect(staffNav().getByRole("link", { name: "Passes" })).toBeInTheDocument();
    expect(staffNav().queryByRole("link", { name: "Members" })).not.toBeInTheDocument();
  });
});

describe("StaffBar", () => {
  it("shows an owner every staff page but My teaching", async () => {
    renderArea(paths.facilitator, { studios: [LOTUS] });
    await screen.findByRole("heading", { name: "Dashboard" });
    const links = staffNav().getAllByRole("link").map((link) => link.textContent);
    expect(links).toEqual(["Events", "New event", "Front desk", "Privates", "Clients", "Approvals", "Passes", "Codes", "Automations", "Members", "Forms", "Audit log", "Settings", "Tax & invoices", "Reports", "API tokens", "Webhooks", "Delivery"]);
    expect(staffNav().getByRole("link", { name: "Automations" })).toHaveAttribute("href", "/facilitator/automations");
    expect(staffNav().getByRole("link", { name: "API tokens" })).toHaveAttribute("href", "/facilitator/api");
    expect(staffNav().getByRole("link", { name: "Forms" })).toHaveAttribute("href", "/facilitator/forms");
    expect(staffNav().getByRole("link", { name: "Reports" })).toHaveAttribute("href", "/facilitator/reports");
    expect(staffNav().getByRole("link", { name: "Delivery" })).toHaveAttribute("href", "/facilitator/integration");
    expect(staffNav().getByRole("link", { name: "Settings" })).toHaveAttribute("href", "/facilitator/settings");
    expect(staffNav().getByRole("link", { name: "Audit log" })).toHaveAttribute("href", "/facilitator/audit");
    expect(staffNav().getByRole("link", { name: "Tax & invoices" })).toHaveAttribute("href", "/facilitator/invoices");
    expect(screen.queryByLabelText("Studio")).not.toBeInTheDocument(); // one studio: no switcher
  });

  it("shows Settings to a role that changes the studio's settings (its booking widget) but not its payments", async () => {
    const settingsOnly = makeStudio("front_desk", { my_permissions: ["studio.view", "studio.settings"] });
    renderArea(paths.facilitator, { studios: [settingsOnly] });
    await screen.findByRole("heading", { name: "Dashboard" });
    expect(staffNav().getByRole("link", { name: "Settings" })).toHaveAttribute("href", "/facilitator/settings");
  });

  it("shows front desk the desk and an instructor their teaching", async () => {
    const desk = renderArea(paths.facilitator, { studios: [RIVER] });
    await screen.findByRole("heading", { name: "Dashboard" });
    expect(staffNav().getAllByRole("link").map((link) => link.textContent)).toEqual(["Events", "Front desk", "Privates", "Clients"]);
    desk.unmount();
    window.localStorage.clear();

    renderArea(paths.facilitator, { studios: [makeStudio("instructor")] });
    await screen.findByRole("heading", { name: "Dashboard" });
    expect(staffNav().getAllByRole("link").map((link) => link.textContent)).toEqual(["Events", "My teaching", "Privates", "Clients", "Reports"]);
    expect(staffNav().getByRole("link", { name: "My teaching" })).toHaveAttribute("href", "/facilitator/teaching");
  });

  it("switches between my studios, each with my role, and the links follow the role", async () => {
    const { user } = renderArea(paths.facilitator, { studios: [LOTUS, RIVER] });
    const switcher = await screen.findByLabelText("Studio");
    expect(within(switcher).getAllByRole("option").map((option) => option.textContent)).toEqual(["Lotus Yoga (Owner)", "River Room (Front desk)"]);
    expect(switcher).toHaveValue("lotus-yoga");
    expect(staffNav().getByRole("link", { name: "Members" })).toBeInTheDocument();
    await user.selectOptions(switcher, "river-room");
    expect(staffNav().queryByRole("link", { name: "Members" })).not.toBeInTheDocument();
    expect(window.localStorage.getItem("studio:7")).toBe("river-room");
  });

  it("goes back to the dashboard when switching on one event's or session's page", async () => {
    const { user } = renderArea(paths.facilitatorSession(3), { studios: [LOTUS, RIVER] });
    await user.selectOptions(await screen.findByLabelText("Studio"), "river-room");
    expect(await screen.findByRole("heading", { name: "Dashboard" })).toBeInTheDocument();
  });
});
