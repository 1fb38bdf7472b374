/** The permissions a token may be given, in the words of the page: grouped as the permission table orders them (its
 *  first word), each with its message's key; and a token's state as people read it. */

/** Each permission's words (their keys); a permission the API adds later reads as its code. */
export const PERMISSION_WORDS = {
  "studio.view": "connections:permission.studioView",
  "studio.settings": "connections:permission.studioSettings",
  "studio.payments": "connections:permission.studioPayments",
  "studio.whatsapp": "connections:permission.studioWhatsapp",
  "studio.export": "connections:permission.studioExport",
  "studio.import": "connections:permission.studioImport",
  "members.view": "connections:permission.membersView",
  "members.staff": "connections:permission.membersStaff",
  "members.all": "connections:permission.membersAll",
  "audit.view": "connections:permission.auditView",
  "events.manage": "connections:permission.eventsManage",
  "passes.manage": "connections:permission.passesManage",
  "money.view": "connections:permission.moneyView",
  "reports.view": "connections:permission.reportsView",
  "reports.own": "connections:permission.reportsOwn",
  "pay.rates": "connections:permission.payRates",
  "refunds.make": "connections:permission.refundsMake",
  "registrants.all": "connections:permission.registrantsAll",
  "messages.all": "connections:permission.messagesAll",
  "inbox.read": "connections:permission.inboxRead",
  "clients.view": "connections:permission.clientsView",
  "clients.write": "connections:permission.clientsWrite",
  "clients.whatsapp": "connections:permission.clientsWhatsapp",
  "clients.email": "connections:permission.clientsEmail",
  "clients.own": "connections:permission.clientsOwn",
  "sessions.own": "connections:permission.sessionsOwn",
  "registrants.own": "connections:permission.registrantsOwn",
  "checkin.own": "connections:permission.checkinOwn",
  "messages.own": "connections:permission.messagesOwn",
  "desk.checkin": "connections:permission.deskCheckin",
  "desk.walkins": "connections:permission.deskWalkins",
  "desk.sales": "connections:permission.deskSales",
  "forms.manage": "connections:permission.formsManage",
  "forms.signatures": "connections:permission.formsSignatures",
  "appointments.manage": "connections:permission.appointmentsManage",
  "appointments.board": "connections:permission.appointmentsBoard",
  "appointments.own": "connections:permission.appointmentsOwn",
};

/** The areas permissions fall in (their first word), in the table's order, each with its heading's key. */
const AREAS = {
  studio: "connections:area.studio",
  members: "connections:area.team",
  audit: "connections:area.team",
  events: "connections:area.programme",
  registrants: "connections:area.programme",
  sessions: "connections:area.programme",
  messages: "connections:area.programme",
  checkin: "connections:area.programme",
  passes: "connections:area.money",
  money: "connections:area.money",
  refunds: "connections:area.money",
  reports: "connections:area.money",
  pay: "connections:area.money",
  inbox: "connections:area.clients",
  clients: "connections:area.clients",
  forms: "connections:area.clients",
  desk: "connections:area.desk",
  appointments: "connections:area.privates",
};
const OTHER = "connections:area.other";

/** grantable (the API's order) → [{area (its key), permissions: [...]}], areas in their first permission's order. */
export function groupPermissions(grantable) {
  const groups = new Map();
  for (const permission of grantable) {
    const area = AREAS[permission.split(".")[0]] ?? OTHER;
    if (!groups.has(area)) groups.set(area, []);
    groups.get(area).push(permission);
  }
  return [...groups].map(([area, permissions]) => ({ area, permissions }));
}

/** "revoked", "expired" or "active" at `now` (ms). */
export function tokenState(token, now = Date.now()) {
  if (token.revoked_at) return "revoked";
  if (token.expires_at && Date.parse(token.expires_at) <= now) return "expired";
  return "active";
}

/** How long a new token lives: the choices offered (days; null: until revoked), the first the default. */
export const LIFETIMES = [90, 30, 365, null];

/** Each event type's words (their keys); a type the API adds later reads as its code. */
export const EVENT_WORDS = {
  booking_created: "connections:event.bookingCreated",
  booking_cancelled: "connections:event.bookingCancelled",
  booking_reactivated: "connections:event.bookingReactivated",
  payment_succeeded: "connections:event.paymentSucceeded",
  refund_processed: "connections:event.refundProcessed",
  refund_failed: "connections:event.refundFailed",
  waitlist_promoted: "connections:event.waitlistPromoted",
  guest_cancelled: "connections:event.guestCancelled",
  checked_in: "connections:event.checkedIn",
  checkin_undone: "connections:event.checkinUndone",
  no_show: "connections:event.noShow",
  attendance_attended: "connections:event.attendanceAttended",
  attendance_no_show: "connections:event.attendanceNoShow",
  feedback_received: "connections:event.feedbackReceived",
  approval_requested: "connections:event.approvalRequested",
  booking_approved: "connections:event.bookingApproved",
  booking_declined: "connections:event.bookingDeclined",
  approval_expired: "connections:event.approvalExpired",
  approval_withdrawn: "connections:event.approvalWithdrawn",
  event_created: "connections:event.eventCreated",
  event_updated: "connections:event.eventUpdated",
  event_cancelled: "connections:event.eventCancelled",
  session_created: "connections:event.sessionCreated",
  session_updated: "connections:event.sessionUpdated",
  session_cancelled: "connections:event.sessionCancelled",
  instalment_due: "connections:event.instalmentDue",
  instalment_paid: "connections:event.instalmentPaid",
  balance_missed: "connections:event.balanceMissed",
  pass_purchased: "connections:event.passPurchased",
  pass_renewed: "connections:event.passRenewed",
  pass_lapsed: "connections:event.passLapsed",
  credit_spent: "connections:event.creditSpent",
  credit_returned: "connections:event.creditReturned",
  credit_forfeited: "connections:event.creditForfeited",
  code_redeemed: "connections:event.codeRedeemed",
  client_imported: "connections:event.clientImported",
  webhook_test: "connections:event.webhookTest",
};

/** A delivery's state's words (their keys). */
export const DELIVERY_STATES = { pending: "connections:delivery.pending", delivered: "connections:delivery.delivered", dead: "connections:delivery.dead" };
