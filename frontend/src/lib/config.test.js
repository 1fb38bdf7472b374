import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("takes the services' addresses from the runtime config, without a trailing slash", () => {
    const config = loadConfig({ mainApiUrl: "http://localhost:5000/", crmApiUrl: "http://localhost:5001" });
    expect(config).toMatchObject({ mainApiUrl: "http://localhost:5000", crmApiUrl: "http://localhost:5001" });
  });

  it("offers the development pages when the runtime config says so, whatever the build", () => {
    expect(loadConfig({ devTools: true }).devTools).toBe(true);
    expect(loadConfig({ devTools: false }).devTools).toBe(false);
    // Without a word from the server: the build decides (Vitest runs as a development build).
    expect(typeof loadConfig({}).devTools).toBe("boolean");
  });
});
