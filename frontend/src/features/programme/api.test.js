import { describe, expect, it } from "vitest";
import { createApiClient } from "../../lib/api-client.js";
import { TEST_CONFIG, fakeApi, ok } from "../../test/fake-api.js";
import { programmeKeys, fetchAllEvents } from "./api.js";

describe("fetchAllEvents", () => {
  it("reads every page of my events", async () => {
    const api = fakeApi({
      "GET main /api/facilitator/2/events": ({ query }) =>
        ok({ items: [{ id: Number(query.page) }], page: Number(query.page), per_page: 100, total: 3, pages: 3 }),
    });
    const main = createApiClient({ baseUrl: TEST_CONFIG.mainApiUrl, fetchImpl: api.fetch });
    const events = await fetchAllEvents(main, "/api/facilitator/2");
    expect(events.map((event) => event.id)).toEqual([1, 2, 3]);
    expect(api.calls.map((call) => call.query)).toEqual([
      { page: "1", per_page: "100" },
      { page: "2", per_page: "100" },
      { page: "3", per_page: "100" },
    ]);
  });

  it("keys every query under one prefix, so one invalidation refreshes them all, and by the API base it reads", () => {
    const scope = "/api/studios/lotus";
    expect(programmeKeys.events(scope).slice(0, 1)).toEqual(programmeKeys.all);
    expect(programmeKeys.registrants(scope, 9)).toEqual(["programme", scope, "sessions", "9", "registrants"]);
  });
});
