/**
 * The one HTTP client of the app. Every failure becomes an ApiError carrying our error shape
 * ({"error": {code, message, details}}), so components show `error.message` and branch on `error.code`.
 */
import { i18next, t } from "./i18n.js";
import { takePreloaded } from "./preloaded-answers.js";

export class ApiError extends Error {
  /** status 0 means the request never got an answer (network down, server stopped, CORS refused).
   *  retryAfter: the seconds a 429 (or 503) asks the client to wait (its Retry-After header), else null. */
  constructor({ status, code, message, details = {}, retryAfter = null }) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details ?? {};
    this.retryAfter = retryAfter;
  }
}

/** What a request that never got an answer says, in the app's language. */
export const networkMessage = () => t("common:api.network");

// What an answer without our error shape (a proxy's page) says, by status: keys, read when the error is made.
const FALLBACK_MESSAGES = {
  401: "common:api.status401",
  403: "common:api.status403",
  404: "common:api.status404",
  409: "common:api.status409",
  413: "common:api.status413",
  429: "common:api.status429",
};

function fallbackMessage(status) {
  if (FALLBACK_MESSAGES[status]) return t(FALLBACK_MESSAGES[status]);
  return status >= 500 ? t("common:api.serverProblem") : t("common:api.failed", { status: String(status) });
}

/** Retry-After in whole seconds (a number of seconds, as our services send it), or null. */
function retryAfterOf(response) {
  const value = response.headers.get("Retry-After");
  return value && /^\d+$/.test(value.trim()) ? Number(value.trim()) : null;
}

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const RETRY_WAIT_LIMIT = 5; // seconds: a longer Retry-After is still worth one more try, not a longer wait

/** A fresh Idempotency-Key: a UUID; where the page is not a secure context (plain http on a LAN address) and
 *  crypto.randomUUID is missing, 32 random hex digits from getRandomValues, which every browser has. */
function newKey() {
  if (typeof globalThis.crypto.randomUUID === "function") return globalThis.crypto.randomUUID();
  return Array.from(globalThis.crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Resolves after ms, or rejects with the signal's abort as soon as it aborts (a cancelled query stops waiting). */
function pause(ms, signal) {
  return new Promise((resolve, reject) => {
    const aborted = () => signal.reason ?? new DOMException("The request was aborted.", "AbortError");
    if (signal?.aborted) {
      reject(aborted());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function query(params) {
  if (!params) return "";
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

async function toApiError(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): fall through to a message made from the status.
  }
  const error = body && typeof body === "object" ? body.error : null;
  const retryAfter = retryAfterOf(response);
  if (error && typeof error === "object" && error.code) {
    return new ApiError({ status: response.status, code: error.code, message: error.message || error.code, details: error.details, retryAfter });
  }
  return new ApiError({ status: response.status, code: `http_${response.status}`, message: fallbackMessage(response.status), retryAfter });
}

/**
 * createApiClient({baseUrl, getToken, onUnauthorized, keepsKeyedAnswers}) → {get, post, put, patch, delete, download, url}.
 * Each takes options {params, signal, quiet, contentType}; quiet: a 401 does not call onUnauthorized (used by logout);
 * contentType: the body is sent as it is (a File, a Blob) with that type instead of as JSON (an upload).
 * onUnauthorized(error, token) runs when a request that carried a token gets 401 (expired, revoked or forged), with
 * the token it carried: the app uses it to end the session and send the person to the login page.
 * Every write carries an Idempotency-Key of its own (the main API then does it once however often it arrives), and a
 * 503 with Retry-After (a database failing over) is asked once more after that wait, at most RETRY_WAIT_LIMIT seconds:
 * a read, or a write with its same key, so a write that did go through the first time is answered, not done again.
 * keepsKeyedAnswers: false for a service that ignores the key (the CRM): its writes are not asked again.
 */
export function createApiClient({ baseUrl, getToken = () => null, onUnauthorized = () => {}, fetchImpl, keepsKeyedAnswers = true } = {}) {
  const doFetch = fetchImpl ?? ((...args) => globalThis.fetch(...args));

  async function send(method, path, options = {}) {
    const key = WRITES.has(method) ? newKey() : null; // one per call, the same for its retry
    try {
      return await sendOnce(method, path, options, key);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 503 || error.retryAfter === null) throw error;
      if (key && !keepsKeyedAnswers) throw error; // a service that keeps no answers might do the write twice
      await pause(Math.min(error.retryAfter, RETRY_WAIT_LIMIT) * 1000, options.signal);
      return sendOnce(method, path, options, key);
    }
  }

  async function sendOnce(method, path, { body, params, signal, accept = "application/json", contentType, quiet = false } = {}, key = null) {
    const token = getToken();
    // The services write their error messages (and what they send this person) in the app's language.
    const headers = { Accept: accept, "Accept-Language": i18next.resolvedLanguage ?? "en" };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = contentType ?? "application/json";
    if (key) headers["Idempotency-Key"] = key;
    let response;
    try {
      response = await doFetch(`${baseUrl}${path}${query(params)}`, {
        method,
        headers,
        body: body === undefined || contentType ? body : JSON.stringify(body),
        signal,
      });
    } catch (cause) {
      if (cause?.name === "AbortError") throw cause;
      throw new ApiError({ status: 0, code: "network_error", message: networkMessage() });
    }
    if (!response.ok) {
      const error = await toApiError(response);
      if (response.status === 401 && token && !quiet) onUnauthorized(error, token);
      throw error;
    }
    return response;
  }

  async function json(method, path, options) {
    if (method === "GET") {
      const preloaded = takePreloaded(`${baseUrl}${path}${query(options?.params)}`);
      if (preloaded !== undefined) return preloaded;
    }
    const response = await send(method, path, options);
    if (response.status === 204) return null;
    try {
      return await response.json();
    } catch {
      throw new ApiError({ status: response.status, code: "invalid_response", message: t("common:api.unreadable") });
    }
  }

  return {
    get: (path, options) => json("GET", path, options),
    post: (path, body, options) => json("POST", path, { ...options, body }),
    put: (path, body, options) => json("PUT", path, { ...options, body }),
    patch: (path, body, options) => json("PATCH", path, { ...options, body }),
    delete: (path, body, options) => json("DELETE", path, { ...options, body }),
    /** A non-JSON answer (e.g. CSV) as a Blob, with the same error handling. */
    download: async (path, options) => (await send("GET", path, { ...options, accept: "*/*" })).blob(),
    /** The full address of a path, for the browser to load itself (a frame, a link). */
    url: (path) => `${baseUrl}${path}`,
  };
}

const PAGE_SIZE = 100; // the API's largest page
const MAX_PAGES = 20;

/** Every item of a paginated list ({items, pages} per page), page after page, up to MAX_PAGES × PAGE_SIZE items. */
export async function fetchAllPages(client, path, { signal } = {}) {
  const items = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const answer = await client.get(path, { params: { page, per_page: PAGE_SIZE }, signal });
    items.push(...(answer.items ?? []));
    if (page >= (answer.pages ?? 1)) break;
  }
  return items;
}
