import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp, USERS } from "../../../test/render.jsx";
import { makeStudio, studioList } from "../../../test/studios.js";
import { MembersPage } from "./MembersPage.jsx";

const BASE = "main /api/studios/lotus-yoga";
const member = (user_id, name, role) => ({ user_id, name, email: `${name.split(" ")[0].toLowerCase()}@example.com`, role, joined_at: "2031-01-05T10:00:00+00:00" });
const TEAM = [member(7, "Asha Verma", "owner"), member(8, "Meera Rao", "manager"), member(9, "Ravi Iyer", "instructor"), member(10, "Lila Shah", "front_desk")];

const invitation = (id, email, role) => ({ id, email, role, invited_by: { id: 8, name: "Meera Rao" }, created_at: "2031-01-05T10:00:00+00:00", expires_at: "2031-01-12T10:00:00+00:00" });
const OPEN = [invitation(5, "kiran@example.com", "instructor"), invitation(4, "omar@example.com", "manager")];

function membersApi({ role = "owner", members = TEAM, invitations = OPEN, more = {} } = {}) {
  let current = members;
  let open = invitations;
  return fakeApi({
    [`GET ${BASE}/invitations`]: () => ok({ items: open }),
    [`DELETE ${BASE}/invitations/5`]: () => {
      open = open.filter((one) => one.id !== 5);
      return reply(204, null);
    },
    "GET main /api/studios": () => ok(studioList(makeStudio(role))),
    [`GET ${BASE}/members`]: () => ok({ items: current }),
    [`PATCH ${BASE}/members/9`]: ({ body }) => {
      current = current.map((one) => (one.user_id === 9 ? { ...one, role: body.role } : one));
      return ok({ user_id: 9, role: body.role });
    },
    [`DELETE ${BASE}/members/10`]: () => {
      current = current.filter((one) => one.user_id !== 10);
      return reply(204, null);
    },
    [`POST ${BASE}/invitations`]: ({ body }) => {
      open = [invitation(6, body.email.toLowerCase(), body.role), ...open];
      return reply(201, { id: 6, email: body.email.toLowerCase(), role: body.role, expires_at: "2031-01-12T10:00:00+00:00" });
    },
    ...more,
  });
}

const renderMembers = (api) => renderApp(<MembersPage />, { route: paths.studioMembers, api, as: USERS.user, studios: true });
const rowOf = (name) => screen.getByText(name, { exact: false, selector: "strong" }).closest("tr");
const roleOptions = (select) => within(select).getAllByRole("option").map((option) => option.textContent);

describe("MembersPage", () => {
  it("lists the members with their email, role and when they joined, me marked", async () => {
    renderMembers(membersApi());
    expect(await screen.findByText("Asha Verma (you)")).toBeInTheDocument();
    const ravi = rowOf("Ravi Iyer");
    expect(ravi).toHaveTextContent("ravi@example.com");
    expect(within(ravi).getByLabelText("Role of Ravi Iyer")).toHaveValue("instructor");
    expect(ravi).toHaveTextContent(/2031/);
  });

  it("lets an owner give and change any role", async () => {
    const { user, api } = renderMembers(membersApi());
    await screen.findByText("Ravi Iyer");
    expect(roleOptions(screen.getByLabelText("Role"))).toEqual(["Owner", "Manager", "Instructor", "Front desk"]);
    expect(within(rowOf("Meera Rao")).getByLabelText("Role of Meera Rao")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Role of Ravi Iyer"), "manager");
    await user.click(screen.getByRole("button", { name: "Save role of Ravi Iyer" }));
    expect(await screen.findByText("Ravi Iyer is now a manager.")).toBeInTheDocument();
    expect(api.callsTo(`PATCH ${BASE}/members/9`)[0].body).toEqual({ role: "manager" });
    await waitFor(() => expect(screen.getByLabelText("Role of Ravi Iyer")).toHaveValue("manager"));
    expect(screen.queryByRole("button", { name: "Save role of Ravi Iyer" })).not.toBeInTheDocument();
  });

  it("lets a manager handle only instructors and front desk", async () => {
    renderMembers(membersApi({ role: "manager", members: [member(1, "Olga Owner", "owner"), member(7, "Asha Verma", "manager"), member(9, "Ravi Iyer", "instructor")] }));
    await screen.findByText("Ravi Iyer");
    expect(roleOptions(screen.getByLabelText("Role"))).toEqual(["Instructor", "Front desk"]);
    expect(roleOptions(screen.getByLabelText("Role of Ravi Iyer"))).toEqual(["Instructor", "Front desk"]);
    expect(rowOf("Olga Owner")).toHaveTextContent("Owner");
    expect(screen.queryByLabelText("Role of Olga Owner")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Remove Olga Owner" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Remove Ravi Iyer" })).toBeInTheDocument();
  });

  it("shows the list alone to a role that may only view it", async () => {
    const instructorsView = makeStudio("instructor", { my_permissions: ["studio.view", "members.view"] });
    const api = membersApi();
    api.on({ "GET main /api/studios": () => ok(studioList(instructorsView)) });
    renderMembers(api);
    await screen.findByText("Ravi Iyer");
    expect(screen.queryByRole("form", { name: "Invite someone" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Remove/ })).not.toBeInTheDocument();
  });

  it("removes a member after asking", async () => {
    const { user, api } = renderMembers(membersApi());
    await screen.findByText("Lila Shah");
    await user.click(screen.getByRole("button", { name: "Remove Lila Shah" }));
    const dialog = screen.getByRole("dialog", { name: "Remove Lila Shah?" });
    await user.click(within(dialog).getByRole("button", { name: "Yes, remove" }));
    expect(await screen.findByText("Lila Shah is no longer a member of Lotus Yoga.")).toBeInTheDocument();
    expect(api.callsTo(`DELETE ${BASE}/members/10`)).toHaveLength(1);
    await waitFor(() => expect(screen.queryByText("Lila Shah")).not.toBeInTheDocument());
  });

  it("says a studio always keeps one owner, and puts the role back", async () => {
    const api = membersApi({ more: { [`PATCH ${BASE}/members/7`]: () => apiError(409, "last_owner", "A studio always keeps an owner: make someone else an owner first.") } });
    const { user } = renderMembers(api);
    await screen.findByText("Asha Verma (you)");
    await user.selectOptions(screen.getByLabelText("Role of Asha Verma"), "manager");
    await user.click(screen.getByRole("button", { name: "Save role of Asha Verma" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Asha Verma's role was not changed. A studio always keeps one owner: make someone else an owner first.");
    await waitFor(() => expect(screen.getByLabelText("Role of Asha Verma")).toHaveValue("owner"));
  });

  it("names the sessions a member still teaches when they can't be removed", async () => {
    const teaches = apiError(409, "member_teaches", "Ravi Iyer teaches 2 upcoming sessions here: give them another instructor first.", { user_id: 9, name: "Ravi Iyer", session_ids: [21, 22] });
    const events = {
      items: [{ id: 1, title: "Morning Vinyasa Flow", timezone: "Asia/Kolkata", sessions: [{ id: 21, starts_at: "2031-03-04T01:30:00+00:00" }, { id: 22, starts_at: "2031-03-11T01:30:00+00:00" }] }],
      page: 1,
      pages: 1,
    };
    const api = membersApi({ more: { [`DELETE ${BASE}/members/9`]: () => teaches, [`GET ${BASE}/events`]: () => ok(events) } });
    const { user } = renderMembers(api);
    await screen.findByText("Ravi Iyer");
    await user.click(screen.getByRole("button", { name: "Remove Ravi Iyer" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Yes, remove" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Ravi Iyer was not removed. Ravi Iyer still teaches 2 upcoming sessions here:");
    // Each one's page gives it another teacher, in the web app.
    const handover = await screen.findByRole("list", { name: "Sessions to give another teacher" });
    const links = within(handover).getAllByRole("link");
    expect(links.map((link) => link.getAttribute("href"))).toEqual(["/facilitator/sessions/21", "/facilitator/sessions/22"]);
    expect(links[0]).toHaveTextContent(/^Give Morning Vinyasa Flow, .*2031.* another teacher$/);
    await waitFor(() => expect(alert).toHaveTextContent(/Morning Vinyasa Flow, .*Mar 4, 2031.*07:00.*IST; Morning Vinyasa Flow, .*Mar 11, 2031/));
    expect(alert).toHaveTextContent("Give those sessions another instructor first.");
  });

  it("invites someone in a role and says so", async () => {
    const { user, api } = renderMembers(membersApi());
    await screen.findByText("Ravi Iyer");
    await user.type(screen.getByLabelText("Email"), "New.Person@Example.com");
    await user.selectOptions(screen.getByLabelText("Role"), "front_desk");
    await user.click(screen.getByRole("button", { name: "Send the invitation" }));
    expect(await screen.findByText("Invitation sent to new.person@example.com: they join as front desk when they accept it.")).toBeInTheDocument();
    expect(api.callsTo(`POST ${BASE}/invitations`)[0].body).toEqual({ email: "New.Person@Example.com", role: "front_desk" });
    expect(screen.getByLabelText("Email")).toHaveValue("");
    const invitations = screen.getByRole("region", { name: "Open invitations" });
    expect(await within(invitations).findByText("new.person@example.com")).toBeInTheDocument();
  });

  it("lists the open invitations and withdraws one after asking", async () => {
    const { user, api } = renderMembers(membersApi());
    const invitations = await screen.findByRole("region", { name: "Open invitations" });
    const kiran = (await within(invitations).findByText("kiran@example.com")).closest("tr");
    expect(kiran).toHaveTextContent("Instructor");
    expect(kiran).toHaveTextContent("Meera Rao");
    expect(kiran).toHaveTextContent(/Jan.*2031/);
    await user.click(within(kiran).getByRole("button", { name: "Withdraw the invitation to kiran@example.com" }));
    const dialog = screen.getByRole("dialog", { name: "Withdraw the invitation to kiran@example.com?" });
    await user.click(within(dialog).getByRole("button", { name: "Yes, withdraw" }));
    expect(await within(invitations).findByText("The invitation to kiran@example.com is withdrawn: its link no longer works.")).toBeInTheDocument();
    expect(api.callsTo(`DELETE ${BASE}/invitations/5`)).toHaveLength(1);
    await waitFor(() => expect(within(invitations).queryByText("kiran@example.com")).not.toBeInTheDocument());
  });

  it("lets a manager withdraw only instructors' and front desk's invitations", async () => {
    renderMembers(membersApi({ role: "manager" }));
    const invitations = await screen.findByRole("region", { name: "Open invitations" });
    const omar = (await within(invitations).findByText("omar@example.com")).closest("tr");
    expect(within(omar).queryByRole("button", { name: /Withdraw/ })).not.toBeInTheDocument();
    const kiran = within(invitations).getByText("kiran@example.com").closest("tr");
    expect(within(kiran).getByRole("button", { name: /Withdraw/ })).toBeInTheDocument();
  });

  it("shows an invitation's refusals: a member already, too many today", async () => {
    const api = membersApi({ more: { [`POST ${BASE}/invitations`]: () => apiError(409, "already_member", "This address's account is already a member here.") } });
    const { user } = renderMembers(api);
    await screen.findByText("Ravi Iyer");
    await user.type(screen.getByLabelText("Email"), "ravi@example.com");
    await user.click(screen.getByRole("button", { name: "Send the invitation" }));
    expect(await screen.findByText("This address's account is already a member here.")).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");

    api.on({ [`POST ${BASE}/invitations`]: () => apiError(429, "too_many_invitations", "This studio has sent as many invitations as it may today.") });
    await user.click(screen.getByRole("button", { name: "Send the invitation" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("This studio has sent as many invitations as it may today.");
  });
});
