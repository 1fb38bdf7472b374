/** Every page's URL in one place: the patterns App.jsx routes on, and the paths links, redirects and tests use. */
import { generatePath } from "react-router";

/** The <Route path> patterns of the pages whose URL carries an id. */
export const patterns = {
  event: "/events/:eventId",
  bookingPayment: "/bookings/:bookingId/payment",
  instalmentPay: "/bookings/:bookingId/instalments/:number/pay",
  join: "/join/:bookingId",
  /** A guest's join address (their emails'): the signed token names their seat. */
  guestJoin: "/join/guest/:token",
  offer: "/offers/:token",
  /** An invitation to join a studio, as its email links it (main_app/services/studios/links.py accept_url). */
  invitation: "/invitations/:token",
  /** A studio's public page: its contact, upcoming events and passes on sale. */
  studio: "/studios/:slug",
  /** A studio's private sessions: choosing one, a teacher and a free time, and booking it. */
  studioPrivates: "/studios/:slug/privates",
  /** The signed-in person's forms of a studio (?studio=<slug>) and their signed copies. */
  myForms: "/account/forms",
  /** One of a studio's forms to sign (?studio=<slug>). */
  signForm: "/account/forms/:formId",
  facilitatorEvent: "/facilitator/events/:eventId",
  facilitatorSession: "/facilitator/sessions/:sessionId",
  facilitatorCheckin: "/facilitator/sessions/:sessionId/checkin",
  /** One client of the current studio's client book (the CRM's). */
  client: "/facilitator/clients/:clientId",
  /** A studio's widget on its own site (public/embed.js frames these): a week of its sessions, or one of its events.
   *  No site header nor footer; web_ui/pages.py lets only the studio's sites frame them. */
  embedTimetable: "/embed/:slug/timetable",
  embedEvent: "/embed/:slug/events/:eventId",
};

/** The forms pages' query: the studio, and the child (for=<id>) when the guardian signs for one. */
const formsQuery = (slug, child) => `studio=${encodeURIComponent(slug)}${child == null ? "" : `&for=${encodeURIComponent(child)}`}`;

export const paths = {
  /** The catalogue, the app's home page. */
  events: "/",
  event: (eventId) => generatePath(patterns.event, { eventId: String(eventId) }),
  /** Where a booking's event is shown: its page, or for a private session (which has none) the person's privates. */
  bookedEvent: (booking) =>
    booking.event?.private ? paths.myPrivates : generatePath(patterns.event, { eventId: String(booking.event?.id ?? booking.session?.event_id) }),
  /** A week of sessions across events, day by day (?week=<its Monday>&kind=&q=&facilitator=). */
  timetable: "/timetable",
  login: "/login",
  register: "/register",
  /** Asking for a password-reset email; /resetPassword is where its link lands (?token=…). */
  forgotPassword: "/forgot-password",
  resetPassword: "/reset-password",
  myBookings: "/bookings",
  /** The signed-in person's class packs and memberships; a pass's checkout comes back here (?pass=<id>&result=success|cancel). */
  myPasses: "/my-passes",
  /** The signed-in person's private sessions to come: moving or cancelling one. */
  myPrivates: "/my-privates",
  /** The signed-in person's notification centre: what they were told by email or text. */
  notifications: "/notifications",
  /** Where a payment provider's checkout sends the person back (?result=success|cancel): waits for the payment. */
  bookingPayment: (bookingId) => generatePath(patterns.bookingPayment, { bookingId: String(bookingId) }),
  /** An instalment's pay link (its email's): opens a checkout for exactly that instalment of a payment plan. */
  instalmentPay: (bookingId, number) => generatePath(patterns.instalmentPay, { bookingId: String(bookingId), number: String(number) }),
  /** Joining an online or hybrid class: the page a booking's join_url points to, which sends the person to the
   *  class's video link (GET /bookings/<id>/join). */
  join: (bookingId) => generatePath(patterns.join, { bookingId: String(bookingId) }),
  guestJoin: (token) => generatePath(patterns.guestJoin, { token }),
  /** A seat offered from a waiting list, through the signed link its email, text or notice carries. */
  offer: (token) => generatePath(patterns.offer, { token }),
  /** The signed-in person's account (any role): who they are and their calendar feed. */
  account: "/account",
  /** A studio's forms and waivers for the signed-in person to sign, and their signed copies (the copies alone
   *  without a studio). */
  // child: a child of the person's family, whose forms these are (signed by the person as their guardian).
  myForms: (slug = null, child = null) => (slug ? `${patterns.myForms}?${formsQuery(slug, child)}` : patterns.myForms),
  /** Signing one of a studio's forms: its words, questions, typed name and drawn signature. */
  signForm: (formId, slug, child = null) => `${generatePath(patterns.signForm, { formId: String(formId) })}?${formsQuery(slug, child)}`,
  /** Turning reminder emails off from a reminder's footer link (?token=…), signed in or not. */
  unsubscribe: "/unsubscribe",
  /** Rating a session attended from the email sent after it (?token=…&rating=1–5), signed in or not. */
  feedback: "/feedback",
  /** Development only: the emails the main API wrote to its mail folder instead of sending them. */
  mailbox: "/mailbox",
  /** The facilitator's dashboard; every page for staff lives below it. */
  facilitator: "/facilitator",
  facilitatorLogin: "/facilitator/login",
  newEvent: "/facilitator/events/new",
  /** One of the facilitator's events: its sessions, editing it (its time zone too), adding a session. */
  facilitatorEvent: (eventId) => generatePath(patterns.facilitatorEvent, { eventId: String(eventId) }),
  facilitatorSession: (sessionId) => generatePath(patterns.facilitatorSession, { sessionId: String(sessionId) }),
  /** A session's door: check people in by QR code, typed code or name, with or without a network. */
  facilitatorCheckin: (sessionId) => generatePath(patterns.facilitatorCheckin, { sessionId: String(sessionId) }),
  inbox: "/facilitator/inbox",
  /** The class packs and memberships the facilitator sells. */
  facilitatorPasses: "/facilitator/passes",
  /** The facilitator's discount codes: their uses, a new one, retiring one. */
  facilitatorCodes: "/facilitator/codes",
  /** Requests to book my events that require approval, waiting for my decision. */
  facilitatorApprovals: "/facilitator/approvals",
  integration: "/facilitator/integration",
  /** Platform admins: every studio, and making an account an owner of one. */
  adminStudios: "/admin/studios",
  /** The current studio's members: inviting, changing roles, removing. */
  studioMembers: "/facilitator/members",
  /** The current studio's settings: its payment provider (studio.payments), its booking widget (studio.settings). */
  studioSettings: "/facilitator/settings",
  /** The current studio's forms and waivers: writing them, publishing their versions (forms.manage). */
  studioForms: "/facilitator/forms",
  /** The current studio's API tokens for its own tools (studio.tokens). */
  apiTokens: "/facilitator/api",
  /** The current studio's webhooks and their delivery logs (webhooks.manage). */
  webhooks: "/facilitator/webhooks",
  /** The current studio's automations: journeys of waits, messages and tasks a trigger starts (automations.manage). */
  automations: "/facilitator/automations",
  /** The current studio's audit log (audit.view). */
  studioAudit: "/facilitator/audit",
  /** The current studio's tax settings and its invoices and credit notes, with their exports (money.view). */
  studioInvoices: "/facilitator/invoices",
  /** The current studio's reports (?report=revenue|attendance|clients|pay&from=&to=&by=&instructor=): reports.view, or
   *  reports.own for an instructor's own pay. */
  reports: "/facilitator/reports",
  /** The front desk: today's and tomorrow's sessions of the studio, check-in, walk-ins, desk sales (desk.checkin). */
  frontDesk: "/facilitator/desk",
  /** The current studio's client book, on the CRM (?q=&tag=&page=): clients.view, or clients.own for an instructor. */
  clients: "/facilitator/clients",
  /** One client: figures, passes, notes, tags, consent, timeline, merge. */
  client: (clientId) => generatePath(patterns.client, { clientId: String(clientId) }),
  /** The sessions an instructor teaches (sessions.own without events.manage). */
  myTeaching: "/facilitator/teaching",
  /** The board of private sessions, a day or a week per teacher (appointments.board, or appointments.own: one's own). */
  privatesBoard: "/facilitator/privates",
  /** The studio's private services, booking window and every teacher's hours (appointments.manage). */
  privateServices: "/facilitator/privates/services",
  /** A teacher's own weekly hours, days off and linked calendar (appointments.own). */
  myHours: "/facilitator/privates/hours",
  /** Making a studio: any signed-in account may (unless the platform keeps that to its admins). */
  newStudio: "/studios/new",
  /** A studio's public page (no sign-in): its contact, its upcoming events and the passes it sells. */
  studio: (slug) => generatePath(patterns.studio, { slug }),
  studioPrivates: (slug) => generatePath(patterns.studioPrivates, { slug }),
  /** The page an invitation's email links to: accept it, signed in with the address it was sent to. */
  invitation: (token) => generatePath(patterns.invitation, { token }),
  /** A studio's timetable widget (?theme=light|dark), as public/embed.js frames it. */
  embedTimetable: (slug) => generatePath(patterns.embedTimetable, { slug }),
  /** One of a studio's events as its widget (?theme=light|dark). */
  embedEvent: (slug, eventId) => generatePath(patterns.embedEvent, { slug, eventId: String(eventId) }),
};

/** True for the dashboard and every page below it (the staff area). */
export const inFacilitatorArea = (pathname) => pathname.startsWith(paths.facilitator);
