/** The reports' answers in the shapes of GET /api/studios/<slug>/reports/<name> and the instructor rates' routes. */
import { fakeApi, ok } from "../../test/fake-api.js";
import { makeStudio, studioList } from "../../test/studios.js";

export const REPORTS_BASE = "main /api/studios/lotus-yoga/reports";
export const RATES = "main /api/studios/lotus-yoga/instructor-rates";
/** A range the tests ask for in the address: 30 days. */
export const SPAN = { from: "2031-03-01", to: "2031-03-30" };

const money = (gross, refunds, extra = {}) => ({ gross, refunds, net: gross - refunds, tax: 0, invoices: 10, credit_notes: 1, ...extra });

export const REVENUE = {
  ...SPAN,
  by: "week",
  currency: "INR",
  totals: money(1_170_000, 50_000, { tax: 170_000, invoices: 12 }),
  previous: { from: "2031-01-30", ...money(1_100_000, 100_000) },
  kinds: { drop_in: money(600_000, 50_000), pack: money(570_000, 0) },
  periods: [
    { start: "2031-03-01", ...money(170_000, 0, { tax: 70_000 }) },
    { start: "2031-03-03", ...money(1_000_000, 50_000, { tax: 100_000 }) },
  ],
  other_currencies: { USD: money(20_000, 0) },
  desk_methods: { cash: { gross: 80_000, refunds: 0, net: 80_000 }, card_terminal: { gross: 0, refunds: 0, net: 0 }, upi: { gross: 300_000, refunds: 50_000, net: 250_000 } },
  owed: { instalments_due: 250_000, unused_credits: 14, unused_credits_worth: 420_000 },
};

const seats = (sessions, capacity, booked, extra = {}) => ({
  sessions,
  capacity,
  booked,
  fill_rate: capacity ? booked / capacity : null,
  attended: booked - 2,
  no_shows: 1,
  late_cancels: 1,
  waited: 3,
  ...extra,
});

export const ATTENDANCE = {
  ...SPAN,
  by: "day",
  totals: seats(20, 200, 150),
  previous: { from: "2031-01-30", ...seats(20, 200, 140) },
  periods: [
    { start: "2031-03-01", ...seats(1, 10, 9) },
    { start: "2031-03-02", ...seats(0, 0, 0) },
  ],
  classes: [{ event_id: 1, title: "Morning Flow", ...seats(12, 120, 100) }],
  classes_total: 1,
  slots: [{ weekday: 0, hour: 7, ...seats(4, 40, 38) }],
  instructors: [{ instructor_id: 2, name: "Dr. Priya Sharma", ...seats(20, 200, 150) }],
};

export const CLIENTS = {
  ...SPAN,
  by: "month",
  totals: { clients: 40, new: 10, returning: 30, visits: 120 },
  previous: { from: "2031-01-30", clients: 50, new: 10, returning: 40, visits: 100 },
  periods: [{ start: "2031-03-01", clients: 40, new: 10, returning: 30, visits: 120 }],
  cohorts: [
    { month: "2031-01-01", clients: 20, back_30: 8, back_60: 10, back_90: 12 },
    { month: "2031-02-01", clients: 5, back_30: 1, back_60: null, back_90: null },
  ],
  memberships: { active_at_start: 30, started: 5, ended: 3, active_at_end: 32, churn_rate: 0.1 },
};

export const PAY = {
  ...SPAN,
  currency: "INR",
  total_pay: 2_100_000,
  instructors: [
    { instructor_id: 2, name: "Dr. Priya Sharma", rate: { kind: "flat", amount: 150_000, minimum: null, maximum: null, share_percent: null }, classes: 12, heads: 100, net_revenue: 6_000_000, pay: 1_800_000 },
    { instructor_id: 3, name: "Ravi Rao", rate: null, classes: 2, heads: 10, net_revenue: 300_000, pay: 300_000 },
  ],
  lines: [
    { session_id: 60, instructor_id: 2, instructor: "Dr. Priya Sharma", title: "Morning Flow", starts_at: "2031-03-03T01:30:00+00:00", heads: 9, net_revenue: 500_000, pay: 150_000 },
  ],
  lines_total: 1,
  page: 1,
  per_page: 100,
};

/** GET …/reports/pay over `total` classes ("Class 1", "Class 2", …), answering the page of lines its query asks for. */
export function pagedPay(total) {
  const line = (n) => ({ ...PAY.lines[0], session_id: 1000 + n, title: `Class ${n}` });
  return ({ query }) => {
    const page = Number(query.page ?? 1);
    const perPage = Number(query.per_page ?? 100);
    const first = (page - 1) * perPage + 1;
    const count = Math.max(0, Math.min(perPage, total - first + 1));
    return ok({ ...PAY, lines: Array.from({ length: count }, (_, at) => line(first + at)), lines_total: total, page, per_page: perPage });
  };
}

export const RATE_LIST = [
  { instructor_id: 2, name: "Dr. Priya Sharma", role: "instructor", rate: PAY.instructors[0].rate },
  { instructor_id: 3, name: "Ravi Rao", role: "manager", rate: null },
];

/** The studio (as `role`) with every report and the rates answering from the data above; `more` over them. */
export function reportsApi({ role = "owner", more = {} } = {}) {
  return fakeApi({
    "GET main /api/studios": () => ok(studioList(makeStudio(role))),
    [`GET ${REPORTS_BASE}/revenue`]: () => ok(REVENUE),
    [`GET ${REPORTS_BASE}/attendance`]: () => ok(ATTENDANCE),
    [`GET ${REPORTS_BASE}/clients`]: () => ok(CLIENTS),
    [`GET ${REPORTS_BASE}/pay`]: () => ok(PAY),
    [`GET ${RATES}`]: () => ok({ rates: RATE_LIST }),
    ...more,
  });
}
