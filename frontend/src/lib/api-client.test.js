import { describe, expect, it, vi } from "vitest";
import { ApiError, networkMessage, createApiClient, fetchAllPages } from "./api-client.js";
import { fieldErrorsFrom } from "./field-errors.js";

const json = (status, body, headers = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

function client(response, options = {}) {
  const fetchImpl = vi.fn(async () => (typeof response === "function" ? response() : response));
  return { api: createApiClient({ baseUrl: "http://api.test", fetchImpl, ...options }), fetchImpl };
}

describe("createApiClient", () => {
  it("reads the seconds a 429 asks to wait from Retry-After, and has none without it", async () => {
    const limited = json(429, { error: { code: "too_many_requests", message: "Too many; try again in 37 seconds.", details: {} } }, { "Retry-After": "37" });
    await expect(client(limited).api.post("/auth/login", {})).rejects.toMatchObject({ status: 429, retryAfter: 37 });
    const bare = new Response("slow down", { status: 429, headers: { "Retry-After": "12" } }); // a proxy's own page
    await expect(client(bare).api.get("/events")).rejects.toMatchObject({ code: "http_429", retryAfter: 12 });
    await expect(client(json(409, { error: { code: "conflict", message: "No." } })).api.get("/x")).rejects.toMatchObject({ retryAfter: null });
  });

  it("sends JSON with the bearer token and returns the parsed body", async () => {
    const { api, fetchImpl } = client(json(201, { id: 5 }), { getToken: () => "tok" });
    await expect(api.post("/book", { session_id: 3 })).resolves.toEqual({ id: 5 });
    const [url, init] = fetchImpl.mock.calls[0];
    expect(url).toBe("http://api.test/book");
    expect(init.method).toBe("POST");
    expect(init.headers).toMatchObject({ Authorization: "Bearer tok", "Content-Type": "application/json" });
    expect(JSON.parse(init.body)).toEqual({ session_id: 3 });
  });

  it("sends a file as it is, with its content type, when asked (an upload)", async () => {
    const { api, fetchImpl } = client(json(202, { id: 7 }));
    const zip = new Blob(["PK"], { type: "application/zip" });
    await expect(api.post("/imports", zip, { contentType: "application/zip" })).resolves.toEqual({ id: 7 });
    const [, init] = fetchImpl.mock.calls[0];
    expect(init.headers["Content-Type"]).toBe("application/zip");
    expect(init.body).toBe(zip);
  });

  it("sends no Authorization header without a token, and drops empty query values", async () => {
    const { api, fetchImpl } = client(json(200, { items: [] }));
    await api.get("/events", { params: { q: "yoga & tea", kind: "", from: undefined, page: 2 } });
    const [url, init] = fetchImpl.mock.calls[0];
    expect(url).toBe("http://api.test/events?q=yoga+%26+tea&page=2");
    expect(init.headers.Authorization).toBeUndefined();
  });

  it("turns our error shape into an ApiError with status, code, message and field details", async () => {
    const body = { error: { code: "validation_error", message: "Invalid input.", details: { ends_at: ["Must be after starts_at."], name: "Required." } } };
    const { api } = client(json(400, body));
    const error = await api.patch("/x", {}).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: "validation_error", message: "Invalid input." });
    expect(fieldErrorsFrom(error)).toEqual({ ends_at: "Must be after starts_at.", name: "Required." });
  });

  it("keeps a conflict's code so screens can explain it", async () => {
    const { api } = client(json(409, { error: { code: "session_full", message: "This session is full.", details: {} } }));
    await expect(api.post("/book", { session_id: 1 })).rejects.toMatchObject({ status: 409, code: "session_full" });
  });

  it("explains an answer that is not our shape (a proxy's HTML page, a 502) without crashing", async () => {
    const { api } = client(new Response("<html>Bad gateway</html>", { status: 502, headers: { "Content-Type": "text/html" } }));
    await expect(api.get("/events")).rejects.toMatchObject({ status: 502, code: "http_502", message: expect.stringMatching(/server had a problem/) });
  });

  it("reports a network failure as status 0 network_error with a readable message", async () => {
    const { api } = client(() => Promise.reject(new TypeError("Failed to fetch")));
    await expect(api.get("/events")).rejects.toMatchObject({ status: 0, code: "network_error", message: networkMessage() });
  });

  it("lets an aborted request stay an abort (TanStack Query cancels queries that way)", async () => {
    const abort = new DOMException("aborted", "AbortError");
    const { api } = client(() => Promise.reject(abort));
    await expect(api.get("/events")).rejects.toBe(abort);
  });

  it("calls onUnauthorized on a 401 to a request that carried a token, and still rejects", async () => {
    const onUnauthorized = vi.fn();
    const { api } = client(json(401, { error: { code: "token_expired", message: "The token has expired.", details: {} } }), { getToken: () => "old", onUnauthorized });
    await expect(api.get("/bookings")).rejects.toMatchObject({ status: 401, code: "token_expired" });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(onUnauthorized.mock.calls[0][0]).toBeInstanceOf(ApiError);
    expect(onUnauthorized.mock.calls[0][1]).toBe("old");
  });

  it("does not treat a failed login (401 without a token) as an expired session", async () => {
    const onUnauthorized = vi.fn();
    const { api } = client(json(401, { error: { code: "invalid_credentials", message: "Wrong email or password.", details: {} } }), { onUnauthorized });
    await expect(api.post("/auth/login", {})).rejects.toMatchObject({ code: "invalid_credentials" });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it("downloads a non-JSON answer as a Blob with the token", async () => {
    const { api, fetchImpl } = client(new Response("name,email\nA,a@x\n", { status: 200, headers: { "Content-Type": "text/csv" } }), { getToken: () => "tok" });
    const blob = await api.download("/registrants.csv");
    expect(await blob.text()).toBe("name,email\nA,a@x\n");
    expect(fetchImpl.mock.calls[0][1].headers).toMatchObject({ Authorization: "Bearer tok", Accept: "*/*" });
  });

  it("reports a 2xx whose body is not JSON as invalid_response", async () => {
    const { api } = client(new Response("not json", { status: 200 }));
    await expect(api.get("/events")).rejects.toMatchObject({ code: "invalid_response" });
  });
});

describe("sending again", () => {
  const unavailable = (retryAfter = "5") =>
    json(503, { error: { code: "service_unavailable", message: "Try again in a moment.", details: {} } }, retryAfter ? { "Retry-After": retryAfter } : {});
  const answers = (...responses) => {
    const queue = [...responses];
    return () => queue.shift()();
  };
  const keyOf = (call) => call[1].headers["Idempotency-Key"];

  it("sends a key of its own with every write, and none with a read", async () => {
    const { api, fetchImpl } = client(() => json(200, {}));
    await api.post("/book", { session_id: 1 });
    await api.post("/book", { session_id: 1 });
    await api.put("/x", {});
    await api.patch("/x", {});
    await api.delete("/x");
    await api.get("/events");
    const keys = fetchImpl.mock.calls.map(keyOf);
    expect(keys.slice(0, 5).every((key) => /^[A-Za-z0-9_-]{1,64}$/.test(key))).toBe(true);
    expect(new Set(keys.slice(0, 5)).size).toBe(5);
    expect(keys[5]).toBeUndefined();
  });

  it("asks a 503 with Retry-After once more after that wait, a write with the same key", async () => {
    vi.useFakeTimers();
    try {
      const { api, fetchImpl } = client(answers(() => unavailable("3"), () => json(201, { id: 9 })));
      const booked = api.post("/book", { session_id: 1 });
      await vi.advanceTimersByTimeAsync(2999);
      expect(fetchImpl).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1);
      await expect(booked).resolves.toEqual({ id: 9 });
      const [first, second] = fetchImpl.mock.calls;
      expect(keyOf(second)).toBe(keyOf(first));
      expect(second[1].body).toBe(first[1].body);
    } finally {
      vi.useRealTimers();
    }
  });

  it("waits at most 5 seconds, tries once only, and reads are asked again too", async () => {
    vi.useFakeTimers();
    try {
      const { api, fetchImpl } = client(() => unavailable("120"));
      const events = api.get("/events").catch((error) => error);
      await vi.advanceTimersByTimeAsync(5000);
      expect(await events).toMatchObject({ status: 503, code: "service_unavailable", retryAfter: 120 });
      expect(fetchImpl).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("does not ask again a 503 without Retry-After, nor other failures", async () => {
    for (const response of [() => unavailable(null), () => json(502, {}), () => json(409, { error: { code: "session_full", message: "Full." } })]) {
      const { api, fetchImpl } = client(response);
      await expect(api.post("/book", {})).rejects.toBeInstanceOf(ApiError);
      expect(fetchImpl).toHaveBeenCalledTimes(1);
    }
  });

  it("asks a service that keeps no keyed answers (the CRM) only its reads again", async () => {
    vi.useFakeTimers();
    try {
      const { api, fetchImpl } = client(answers(() => unavailable("1"), () => unavailable("1"), () => json(200, { items: [] })), { keepsKeyedAnswers: false });
      await expect(api.post("/notes", {})).rejects.toMatchObject({ status: 503 });
      expect(fetchImpl).toHaveBeenCalledTimes(1);
      const read = api.get("/notes");
      await vi.advanceTimersByTimeAsync(1000);
      await expect(read).resolves.toEqual({ items: [] });
      expect(fetchImpl).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it("stops waiting at once when the request is aborted", async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      const { api, fetchImpl } = client(() => unavailable("5"));
      const events = api.get("/events", { signal: controller.signal }).catch((error) => error);
      await vi.advanceTimersByTimeAsync(1000);
      controller.abort();
      expect((await events).name).toBe("AbortError");
      await vi.advanceTimersByTimeAsync(10000);
      expect(fetchImpl).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("fetchAllPages", () => {
  const pagesOf = (total) => ({
    get: vi.fn(async (path, { params }) => ({ items: [{ page: params.page }], page: params.page, per_page: params.per_page, pages: total })),
  });

  it("reads page after page, 100 at a time, until the last one", async () => {
    const client = pagesOf(3);
    expect(await fetchAllPages(client, "/things")).toEqual([{ page: 1 }, { page: 2 }, { page: 3 }]);
    expect(client.get.mock.calls.map(([path, { params }]) => [path, params])).toEqual([
      ["/things", { page: 1, per_page: 100 }],
      ["/things", { page: 2, per_page: 100 }],
      ["/things", { page: 3, per_page: 100 }],
    ]);
  });

  it("stops after 20 pages, and passes the abort signal on", async () => {
    const client = pagesOf(50);
    const { signal } = new AbortController();
    expect(await fetchAllPages(client, "/things", { signal })).toHaveLength(20);
    expect(client.get.mock.calls[0][1].signal).toBe(signal);
  });
});
