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
 * createApiClient({baseUrl, getToken, onUnauthorized}) → {get, post, put, patch, delete, download, url}.
 * Each takes options {params, signal, quiet, contentType}; quiet: a 401 does not call onUnauthorized (used by logout);
 * contentType: the body is sent as it is (a File, a Blob) with that type instead of as JSON (an upload).
 * onUnauthorized(error, token) runs when a request that carried a token gets 401 (expired, revoked or forged), with
 * the token it carried: the app uses it to end the session and send the person to the login page.
 */
export function createApiClient({ baseUrl, getToken = () => null, onUnauthorized = () => {}, fetchImpl } = {}) {
  const doFetch = fetchImpl ?? ((...args) => globalThis.fetch(...args));

  async function send(method, path, { body, params, signal, accept = "application/json", contentType, quiet = false } = {}) {
    const token = getToken();
    // The services write their error messages (and what they send this person) in the app's language.
    const headers = { Accept: accept, "Accept-Language": i18next.resolvedLanguage ?? "en" };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = contentType ?? "application/json";
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
