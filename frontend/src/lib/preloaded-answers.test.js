import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createApiClient } from "./api-client.js";
import { FRESH_FOR_MS, forgetPreloaded, takePreloaded } from "./preloaded-answers.js";

/** A page as the web app server writes it: the main API's answers by full address. */
function writeAnswers(answers) {
  const element = document.createElement("script");
  element.type = "application/json";
  element.id = "preloaded-answers";
  element.textContent = JSON.stringify(answers);
  document.head.append(element);
}

beforeEach(() => {
  forgetPreloaded(); // the workers share modules between files (isolate: false): read this test's page afresh
  vi.spyOn(performance, "now").mockReturnValue(1_000); // a second after the page loaded, however long the run is
});

afterEach(() => {
  vi.restoreAllMocks();
  document.getElementById("preloaded-answers")?.remove();
  forgetPreloaded();
});

describe("answers written into the page", () => {
  it("answer the first GET of their address without the network, once", async () => {
    writeAnswers({ "https://api.example/events?page=1&per_page=12": { items: [{ id: 3 }] } });
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ items: [] }), { status: 200 }));
    const main = createApiClient({ baseUrl: "https://api.example", fetchImpl });
    expect(await main.get("/events", { params: { q: undefined, page: 1, per_page: 12 } })).toEqual({ items: [{ id: 3 }] });
    expect(fetchImpl).not.toHaveBeenCalled();
    expect(await main.get("/events", { params: { page: 1, per_page: 12 } })).toEqual({ items: [] });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it("are not used for another address, and are taken out of the page", async () => {
    writeAnswers({ "https://api.example/events/3": { id: 3 } });
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ id: 4 }), { status: 200 }));
    const main = createApiClient({ baseUrl: "https://api.example", fetchImpl });
    expect(await main.get("/events/4")).toEqual({ id: 4 });
    expect(document.getElementById("preloaded-answers")).toBeNull();
  });

  it("are stale a while after the page loaded", () => {
    writeAnswers({ "https://api.example/events/3": { id: 3 } });
    expect(takePreloaded("https://api.example/events/3", FRESH_FOR_MS + 1)).toBeUndefined();
  });

  it("that cannot be read are ignored", async () => {
    const element = document.createElement("script");
    element.type = "application/json";
    element.id = "preloaded-answers";
    element.textContent = "{not json";
    document.head.append(element);
    expect(takePreloaded("https://api.example/events/3")).toBeUndefined();
  });
});
