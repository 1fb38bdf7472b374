/** Automations as the main API answers them, and the page rendered over a fake API, for the feature's tests. */
import { createElement } from "react";
import { paths } from "../../lib/paths.js";
import { fakeApi, ok } from "../../test/fake-api.js";
import { USERS, renderApp } from "../../test/render.jsx";
import { makeStudio, studioList } from "../../test/studios.js";
import { AutomationsPage } from "./components/AutomationsPage.jsx";

export const AUTOMATIONS = "/api/studios/lotus-yoga/automations";

/** "Win back": 30 days without a visit, an email, a wait and a text; off. */
export const automation = (overrides = {}) => ({
  id: 5,
  name: "Win back",
  template: "win_back",
  active: false,
  switched_on_at: null,
  trigger: { kind: "no_visit", days: 30 },
  steps: [
    { kind: "email", subject: "We miss you", text: "Hi {first_name}, come back to {studio}." },
    { kind: "wait", days: 3 },
    { kind: "sms", text: "A class is waiting for you." },
  ],
  figures: { entered: 40, waiting: 12, finished: 20, left: 8, bookings_within_14_days: 9 },
  created_at: "2031-01-02T10:00:00+00:00",
  updated_at: "2031-01-02T10:00:00+00:00",
  ...overrides,
});

export const templates = [
  {
    key: "birthday",
    name: "Birthday greeting",
    description: "A greeting and a present on the day.",
    trigger: { kind: "birthday", days: 0 },
    steps: [{ kind: "make_code", percent_off: 20, valid_days: 14 }, { kind: "email", subject: "Happy birthday", text: "Your code: {code}" }],
  },
  { key: "win_back", name: "Win back", description: "People who stopped coming.", trigger: { kind: "no_visit", days: 30 }, steps: [{ kind: "email", subject: "Hi", text: "Come back" }] },
];

/** An entry of GET …/entries. */
export const entry = (id, overrides = {}) => ({
  id,
  person: { id: 100 + id, name: `Person ${id}` },
  state: "waiting",
  step: 1,
  due_at: "2031-01-10T04:30:00+00:00",
  entered_at: "2031-01-07T04:30:00+00:00",
  finished_at: null,
  left_because: null,
  ...overrides,
});

/** The page at `route` (the list by default) for the studio's owner, over a fake API answering the list, the
 *  templates, one automation (`one`) and its entries (none); handlers add to them or replace them. */
export function renderAutomations(handlers = {}, { route = paths.automations, one = automation() } = {}) {
  const api = fakeApi({
    "GET main /api/studios": () => ok(studioList(makeStudio("owner"))),
    [`GET main ${AUTOMATIONS}`]: () => ok({ items: [one] }),
    [`GET main ${AUTOMATIONS}/templates`]: () => ok({ items: templates }),
    [`GET main ${AUTOMATIONS}/${one.id}`]: () => ok(one),
    [`GET main ${AUTOMATIONS}/${one.id}/entries`]: () => ok({ items: [], page: 1, per_page: 20, total: 0, pages: 0 }),
    ...handlers,
  });
  return renderApp(createElement(AutomationsPage), { route, api, as: USERS.user, studios: true });
}
