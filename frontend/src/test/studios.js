/** Studios in the shape of GET /api/studios's items, each with my_role and that role's my_permissions as the main
 *  API's one permission table gives them (main_app/services/studios/permissions.py ROLE_PERMISSIONS). */

const TEACHING = ["sessions.own", "registrants.own", "checkin.own", "messages.own"];
const DESK = ["desk.checkin", "desk.walkins", "desk.sales"];
const MANAGING = ["members.view", "members.staff", "audit.view", "events.manage", "passes.manage", "money.view", "reports.view", "reports.own", "refunds.make", "registrants.all", "messages.all", "inbox.read"];
const FORMS = ["forms.manage", "forms.signatures"];
const CLIENTS = ["clients.view", "clients.write", "clients.email", "clients.own", "clients.whatsapp"];
const PRIVATES = ["appointments.manage", "appointments.board", "appointments.own"];

export const ROLE_PERMISSIONS = {
  owner: ["studio.view", "studio.settings", "studio.payments", "studio.whatsapp", "studio.delete", "studio.tokens", "webhooks.manage", "automations.manage", "studio.export", "studio.import", "members.view", "members.staff", "members.all", ...MANAGING.slice(2), "pay.rates", ...CLIENTS, ...TEACHING, ...DESK, ...FORMS, ...PRIVATES],
  manager: ["studio.view", ...MANAGING, "automations.manage", ...CLIENTS, ...TEACHING, ...DESK, ...FORMS, ...PRIVATES],
  instructor: ["studio.view", "clients.own", ...TEACHING, "reports.own", "appointments.own"],
  front_desk: ["studio.view", "clients.view", "clients.write", "clients.whatsapp", ...DESK, "forms.signatures", "appointments.board"],
};

/** makeStudio("manager", {slug: "lotus"}) → a studio of GET /api/studios for a member in that role. */
export function makeStudio(role = "owner", overrides = {}) {
  return {
    id: 4,
    name: "Lotus Yoga",
    slug: "lotus-yoga",
    timezone: "Asia/Kolkata",
    currency: "INR",
    country: "IN",
    contact_email: null,
    contact_phone: null,
    created_at: "2031-01-01T00:00:00+00:00",
    my_role: role,
    my_permissions: ROLE_PERMISSIONS[role],
    ...overrides,
  };
}

/** The answer of GET /api/studios. */
export const studioList = (...studios) => ({ items: studios });
