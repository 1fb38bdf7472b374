/**
 * A stand-in for the two services at the network edge (fetch), for component tests.
 * Handlers are keyed "METHOD service /path" (service: main | crm | live; path without the query string):
 *   const api = fakeApi({ "GET main /events": () => ok({items: []}), "POST main /book": ({ body }) => ... });
 * Each handler gets {method, path, query, body, headers} (body: parsed JSON, or an upload's File as sent) and returns
 * reply(status, body) (or a plain object = 200 JSON),
 * or a Response of its own (a stream), or throws to simulate a network failure. api.calls lists every request; an unknown route fails the test loudly.
 */
export const TEST_CONFIG = { mainApiUrl: "http://main.test", crmApiUrl: "http://crm.test", streamUrl: "http://live.test" };
const SERVICES = { [TEST_CONFIG.mainApiUrl]: "main", [TEST_CONFIG.crmApiUrl]: "crm", [TEST_CONFIG.streamUrl]: "live" };

export function reply(status, body, headers = {}) {
  return { status, body, headers };
}

export const ok = (body) => reply(200, body);

/** One page of items as our lists answer ({items, page, per_page, total, pages}), for the query's ?page and ?per_page. */
export function pageOf(items, query = {}, extra = {}) {
  const page = Number(query.page ?? 1);
  const perPage = Number(query.per_page ?? 20);
  const start = (page - 1) * perPage;
  return { items: items.slice(start, start + perPage), page, per_page: perPage, total: items.length, pages: Math.ceil(items.length / perPage), ...extra };
}

/** Our error shape: {"error": {code, message, details}}. */
export function apiError(status, code, message, details = {}) {
  return reply(status, { error: { code, message, details } });
}

/** A 429 as our services send it: too_many_requests, with Retry-After when `retryAfter` (seconds) is given. */
export function rateLimited(message = "Too many requests; try again later.", retryAfter = null) {
  const headers = retryAfter === null ? {} : { "Retry-After": String(retryAfter) };
  return reply(429, { error: { code: "too_many_requests", message, details: {} } }, headers);
}

/** A request's JSON body parsed; an upload's (a File, a Blob) as it was sent. */
const bodyOf = (body) => (typeof body === "string" ? (body ? JSON.parse(body) : undefined) : (body ?? undefined));

export function fakeApi(handlers = {}) {
  const calls = [];
  const routes = { ...handlers };
  const fetch = async (url, init = {}) => {
    const parsed = new URL(url);
    const service = SERVICES[parsed.origin] ?? parsed.origin;
    const method = (init.method || "GET").toUpperCase();
    const key = `${method} ${service} ${parsed.pathname}`;
    const call = {
      method,
      service,
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      body: bodyOf(init.body),
      headers: init.headers || {},
    };
    calls.push(call);
    const handler = routes[key];
    if (!handler) throw new Error(`fakeApi: no handler for ${key}`);
    let result = await handler(call, init);
    if (result instanceof Response) return result; // a stream, say, as the handler made it
    if (!result || !("status" in result && "body" in result)) result = ok(result);
    const text = typeof result.body === "string" ? result.body : JSON.stringify(result.body);
    const type = typeof result.body === "string" ? "text/csv" : "application/json";
    return new Response(result.status === 204 ? null : text, { status: result.status, headers: { "Content-Type": type, ...result.headers } });
  };
  return {
    fetch,
    calls,
    /** Replace or add handlers mid-test. */
    on(more) {
      Object.assign(routes, more);
    },
    /** Calls made to one route key, e.g. api.callsTo("POST main /book"). */
    callsTo(key) {
      return calls.filter((call) => `${call.method} ${call.service} ${call.path}` === key);
    },
  };
}

/** GET /me/billing of a person who saved no billing details (the account page asks it of people who book). */
export const NO_BILLING = { "GET main /me/billing": () => apiError(404, "billing_details_not_found", "No billing details are saved.") };

/** GET /me/family/children of a person with no children (the account page asks it of people who book). */
export const NO_FAMILY = {
  "GET main /me/family/children": () => ok({ items: [], consent: { version: "2026-11", wording: "I agree to keep my child's details.", sha256: "0".repeat(64) } }),
};

/** GET /auth/me/whatsapp of a person with no number, who never opted in (the account page asks it of people who book). */
export const NO_WHATSAPP = {
  "GET main /auth/me/whatsapp": () =>
    ok({ opted_in: false, number: null, phone: null, phone_verified: false, stopped: false, active: false, wording: null, wording_language: "en", history: [] }),
};
