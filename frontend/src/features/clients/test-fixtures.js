/** Clients and profiles in the shapes of the CRM's client-book routes (crm_microservice/schemas/clients.py). */
import { fakeApi, ok, pageOf, reply } from "../../test/fake-api.js";
import { makeStudio, studioList } from "../../test/studios.js";

export const BOOK = "crm /api/studios/lotus-yoga/clients";

/** A client as GET …/clients lists them. */
export function makeClient(id, overrides = {}) {
  return {
    id,
    user_id: 100 + id,
    guest: false,
    name: `Client ${id}`,
    other_name: null,
    email: `client${id}@example.com`,
    phone: null,
    first_seen_at: "2031-01-05T04:30:00+00:00",
    last_seen_at: "2031-03-20T04:30:00+00:00",
    first_visit_at: "2031-01-06T04:30:00+00:00",
    last_visit_at: "2031-03-20T04:30:00+00:00",
    bookings: 4,
    visits: 3,
    no_shows: 1,
    late_cancels: 0,
    feedback_given: 1,
    guest_bookings: 0,
    ...overrides,
  };
}

/** A timeline entry (a notification about the client). */
export function makeEntry(id, overrides = {}) {
  return { id, type: "checked_in", message: null, booking_id: 50, session_id: 60, event_id: 70, event_title: "Morning Flow", occurred_at: "2031-03-20T04:30:00+00:00", received_at: "2031-03-20T04:30:01+00:00", ...overrides };
}

/** GET …/clients/<id>'s answer; `timeline` is the full list, paged by the query. */
export function makeProfile(client, { timeline = [makeEntry(1)], query = {}, ...overrides } = {}) {
  return {
    ...client,
    bookings_ahead: 2,
    active_passes: 1,
    credits_left: 3,
    membership: "none",
    money: [{ currency: "INR", spent: 450000, refunded: 50000 }],
    consent: { marketing: null, at: null, how: null, recorded_by: null },
    merged: [],
    passes: [{ pass_id: 8, name: "5-class pack", kind: "pack", credits_left: 3, valid_until: "2031-06-01T00:00:00+00:00", status: "active" }],
    tags: ["knee", "regular"],
    notes: [],
    timeline: pageOf(timeline, query),
    ...overrides,
  };
}

export const SENT_EMAILS = "GET main /api/studios/lotus-yoga/marketing-emails";

/** A marketing email as GET …/marketing-emails lists them (main_app/schemas, docs/api.md). */
export function makeSentEmail(id, overrides = {}) {
  return { id, segment: { id: 3, name: "Lapsed" }, subject: `News ${id}`, text: "We miss you.", recipients: 12, unsubscribed: 1, sent_by: { id: 7, name: "Asha Verma" }, created_at: "2031-03-21T04:30:00+00:00", ...overrides };
}

/** GET …/clients/<user_id>/whatsapp/consent (main API) of each client's account: never opted in, no number. */
const noWhatsappConsent = (clients) =>
  Object.fromEntries(
    clients
      .filter((client) => client.user_id != null)
      .map((client) => [
        `GET main /api/studios/lotus-yoga/clients/${client.user_id}/whatsapp/consent`,
        () => ok({ opted_in: false, stopped: false, number_hint: null, window_open: false, window_closes_at: null, can_answer: false, wording: null, wording_language: null }),
      ]),
  );

/** A fake network with the studio (as `role`), the client book's list answering from `clients` (each client's
 *  WhatsApp consent: none), its segments' routes from `segments` and the studio's marketing emails from `sent`. */
export function bookApi({ role = "owner", clients = [], segments = [], sent = [], more = {} } = {}) {
  return fakeApi({
    "GET main /api/studios": () => ok(studioList(makeStudio(role))),
    ...noWhatsappConsent(clients),
    [SENT_EMAILS]: ({ query }) => ok(pageOf(sent, query)),
    ...segmentRoutes(segments),
    [`GET ${BOOK}`]: ({ query }) => {
      const q = (query.q ?? "").toLowerCase();
      const found = clients.filter((client) => `${client.name} ${client.other_name ?? ""} ${client.email} ${client.phone ?? ""}`.toLowerCase().includes(q));
      return ok(pageOf(found, query));
    },
    ...more,
  });
}

export const SEGMENTS = "crm /api/studios/lotus-yoga/segments";
export const CLIENTS_CSV = "crm /api/studios/lotus-yoga/clients.csv";

/** A segment as GET …/segments lists them (crm_microservice/schemas/segments.py). */
export function makeSegment(id, overrides = {}) {
  return { id, name: `Segment ${id}`, filters: { no_visit_in_days: 30 }, count: 3, created_by: 7, created_at: "2031-03-01T04:30:00+00:00", updated_at: "2031-03-01T04:30:00+00:00", ...overrides };
}

/** Two of the CRM's presets (crm_microservice/services/clients/segments.py PRESETS), as GET …/segments/presets. */
export const PRESETS = [
  { key: "lapsed", name: "No visit in 30 days", description: "Clients who have not come to a session for a month.", filters: { no_visit_in_days: 30 } },
  { key: "pack_running_out", name: "Pack running out", description: "A pack with 1 credit or none left.", filters: { pack_credits_at_most: 1 } },
];

/** The segments' routes over `segments` (a list the handlers change, as the CRM would). */
export function segmentRoutes(segments = []) {
  return {
    [`GET ${SEGMENTS}`]: () => ok({ items: [...segments].sort((a, b) => a.name.localeCompare(b.name)) }),
    [`GET ${SEGMENTS}/presets`]: () => ok({ items: PRESETS }),
    [`POST ${SEGMENTS}`]: ({ body }) => {
      const segment = makeSegment(100 + segments.length, { ...body, count: 0 });
      segments.push(segment);
      return reply(201, segment);
    },
  };
}

/** POST …/clients/cards over `clients` (crm_microservice/services/clients/cards.py): a card per email, with the
 *  newest three of the client's notes and their tags from extras[client id]. */
export function cardsRoute(clients, extras = {}) {
  return {
    [`POST ${BOOK}/cards`]: ({ body }) =>
      ok({
        items: body.emails.map((email) => {
          const client = clients.find((one) => one.email?.toLowerCase() === email) ?? null;
          const { notes = [], tags = [] } = (client && extras[client.id]) ?? {};
          return { email, client, notes: notes.slice(0, 3), notes_total: notes.length, tags };
        }),
      }),
  };
}
