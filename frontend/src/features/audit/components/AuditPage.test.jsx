import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setLanguage } from "../../../lib/i18n.js";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, ok, pageOf } from "../../../test/fake-api.js";
import { renderApp, USERS } from "../../../test/render.jsx";
import { makeStudio, studioList } from "../../../test/studios.js";
import { AuditPage } from "./AuditPage.jsx";

const BASE = "main /api/studios/lotus-yoga";
const MEMBERS = [
  { user_id: 7, name: "Asha Verma", email: "asha@example.com", role: "owner", joined_at: "2031-01-01T00:00:00+00:00" },
  { user_id: 9, name: "Ravi Iyer", email: "ravi@example.com", role: "instructor", joined_at: "2031-01-02T00:00:00+00:00" },
  { user_id: 10, name: "Lila Shah", email: "lila@example.com", role: "front_desk", joined_at: "2031-01-02T00:00:00+00:00" },
];
// Who acted in the log: the members, and Meera Rao, who has left the studio since.
const PEOPLE = [
  { id: 7, name: "Asha Verma" },
  { id: 10, name: "Lila Shah" },
  { id: 21, name: "Meera Rao" },
];
const entry = (id, extra) => ({ id, actor_id: 7, actor_role: "owner", object_type: "user", object_id: 9, before: null, after: null, at: "2031-03-25T04:30:00+00:00", remote_addr: "203.0.113.5", ...extra });
const ENTRIES = [
  entry(3, { actor_id: 10, actor_role: "front_desk", action: "pass.sold_at_desk", object_type: "pass", object_id: 70, object_label: "5-class pack · Nisha Rao", after: { pass_id: 70, user_id: 41, amount: 300000, method: "cash" }, labels: { pass_id: { 70: "5-class pack · Nisha Rao" }, user_id: { 41: "Nisha Rao" } } }),
  entry(2, { action: "member.role_changed", before: { role: "instructor" }, after: { role: "manager" } }),
  ...Array.from({ length: 28 }, (_, index) => entry(100 + index, { action: "invitation.sent", object_type: "invitation", object_id: index, after: { email: `p${index}@example.com`, role: "instructor" } })),
];

function auditApi(more = {}) {
  return fakeApi({
    "GET main /api/studios": () => ok(studioList(makeStudio("owner"))),
    [`GET ${BASE}/members`]: () => ok({ items: MEMBERS }),
    [`GET ${BASE}/audit/people`]: () => ok({ items: PEOPLE }),
    [`GET ${BASE}/audit`]: ({ query }) => ok(pageOf(ENTRIES, query)),
    ...more,
  });
}
const renderAudit = (api = auditApi(), route = paths.studioAudit) => renderApp(<AuditPage />, { route, api, as: USERS.user, studios: true });
const rows = () => within(screen.getByRole("table")).getAllByRole("row").slice(1);

describe("AuditPage", () => {
  afterEach(() => vi.restoreAllMocks());

  it("shows who did what, when on the studio's clock, the change and the address", async () => {
    renderAudit();
    await screen.findByRole("table");
    await screen.findByRole("cell", { name: "Lila Shah" });
    const [sale, role] = rows();
    expect(sale).toHaveTextContent(/2031.*10:00.*IST/);
    expect(sale).toHaveTextContent("Lila Shah");
    expect(sale).toHaveTextContent("Front desk");
    expect(sale).toHaveTextContent("Pass sold at the desk");
    expect(within(sale).getByTitle("pass 70")).toHaveTextContent("5-class pack · Nisha Rao");
    expect(sale).toHaveTextContent("pass: 5-class pack · Nisha Rao; person: Nisha Rao; amount: ₹3,000; method: cash");
    expect(sale).toHaveTextContent("203.0.113.5");
    expect(role).toHaveTextContent("Asha Verma");
    expect(role).toHaveTextContent("user 9 (Ravi Iyer)");
    expect(role).toHaveTextContent("role: Instructor → Manager");
    expect(screen.getByText(/30 entries, newest first/)).toBeInTheDocument();
  });

  it("names a former member as the entry kept them, offers them in the filter, and says changes in words", async () => {
    const refund = entry(5, {
      actor_id: 21,
      actor_name: "Meera Rao",
      actor_role: "manager",
      action: "payment.refunded",
      object_type: "payment",
      object_id: 4,
      object_label: "Payment for Nisha Rao · Morning Flow · 3 Dec 07:00",
      before: { left: 59000, booking_status: null },
      after: { refund_id: 8, booking_id: 40, amount: 29500, currency: "INR", reason: "Came late", left: 29500, booking_status: null },
      labels: { booking_id: { 40: "Nisha Rao · Morning Flow · 3 Dec 07:00" }, actor_id: { 21: "Meera Rao" } },
    });
    const moved = entry(4, { actor_id: 21, actor_name: "Meera Rao", actor_role: "manager", action: "session.updated", object_type: "session", object_id: 12, after: { instructor_id: { from: 18, to: 20 } }, labels: { instructor_id: { 18: "Ravi Iyer (instructor)", 20: "Meera Rao (instructor)" } } });
    renderAudit(auditApi({ [`GET ${BASE}/audit`]: ({ query }) => ok(pageOf([refund, moved], query)) }));
    await screen.findByRole("table");
    const [refunded, changed] = rows();
    expect(refunded).toHaveTextContent("Meera Rao");
    expect(refunded).not.toHaveTextContent("Account 21");
    expect(refunded).toHaveTextContent("Payment refunded");
    expect(refunded).toHaveTextContent("left to refund: ₹590 → ₹295");
    expect(refunded).toHaveTextContent("booking: Nisha Rao · Morning Flow · 3 Dec 07:00");
    expect(refunded).not.toHaveTextContent("payment.refunded");
    expect(changed).toHaveTextContent("Session changed");
    expect(changed).toHaveTextContent("teacher: Ravi Iyer (instructor) → Meera Rao (instructor)");
    expect(changed).not.toHaveTextContent(/instructor_id|"from"/);
    expect(await screen.findByRole("option", { name: "Meera Rao" })).toHaveValue("21");
  });

  it("pages through the log", async () => {
    const { user, api } = renderAudit();
    await screen.findByRole("table");
    expect(rows()).toHaveLength(25);
    await user.click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(screen.getByText("Page 2 of 2")).toBeInTheDocument();
    expect(api.callsTo(`GET ${BASE}/audit`).at(-1).query).toEqual({ page: "2", per_page: "25" });
    expect(screen.getByTestId("location")).toHaveTextContent("/facilitator/audit?page=2");
  });

  it("filters by person, kind and dates read on the studio's clock, and downloads the same as a CSV", async () => {
    const clicked = [];
    URL.createObjectURL = vi.fn(() => "blob:audit");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function click() {
      clicked.push({ href: this.href, download: this.download });
    });
    const api = auditApi({ [`GET ${BASE}/audit.csv`]: () => ok("at,actor\r\n") });
    const { user } = renderAudit(api);
    await screen.findByRole("table");
    await screen.findByRole("option", { name: "Lila Shah" });
    await user.selectOptions(screen.getByLabelText("Person"), "10");
    await user.type(screen.getByLabelText("Kind"), "pass.sold_at_desk");
    await user.type(screen.getByLabelText("From"), "2031-03-01");
    await user.type(screen.getByLabelText("To"), "2031-03-31");
    await user.click(screen.getByRole("button", { name: "Apply filters" }));
    const wanted = { person: "10", kind: "pass.sold_at_desk", since: "2031-02-28T18:30:00.000Z", until: "2031-03-31T18:30:00.000Z" };
    await waitFor(() => expect(api.callsTo(`GET ${BASE}/audit`).at(-1).query).toEqual({ ...wanted, page: "1", per_page: "25" }));
    expect(screen.getByLabelText("Person")).toHaveValue("10");
    await user.click(screen.getByRole("button", { name: "Download CSV" }));
    await waitFor(() => expect(clicked).toEqual([{ href: "blob:audit", download: "audit-lotus-yoga.csv" }]));
    expect(api.callsTo(`GET ${BASE}/audit.csv`)[0].query).toEqual(wanted);
  });

  it("says when nothing matches, and why a download failed", async () => {
    const api = auditApi({ [`GET ${BASE}/audit`]: ({ query }) => ok(pageOf([], query)), [`GET ${BASE}/audit.csv`]: () => apiError(404, "not_found", "Not found.") });
    const { user } = renderAudit(api, `${paths.studioAudit}?kind=member.removed`);
    expect(await screen.findByText("No entries match these filters.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Download CSV" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The CSV could not be downloaded. Not found.");
  });

  it("reads in Hindi and Marathi", async () => {
    await setLanguage("hi");
    const { unmount } = renderAudit();
    expect(await screen.findByRole("heading", { name: "ऑडिट लॉग · Lotus Yoga" })).toBeInTheDocument();
    expect(await screen.findByText("डेस्क पर पास बेचा गया", { selector: "td span" })).toBeInTheDocument();
    expect(screen.getByText(/30 एंट्री, सबसे नई पहले/)).toBeInTheDocument();
    unmount();
    await setLanguage("mr");
    renderAudit();
    expect(await screen.findByText(/पास: 5-class pack · Nisha Rao; व्यक्ती: Nisha Rao; रक्कम: .*; पद्धत: रोख/)).toBeInTheDocument();
    expect(within(screen.getByRole("table")).getByText("डेस्कवर पास विकला")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "फिल्टर लावा" })).toBeInTheDocument();
  });
});
