import { describe, expect, it } from "vitest";
import { groupPermissions, tokenState } from "./permissions.js";

describe("a token's permissions and state in words", () => {
  it("groups permissions by area in the table's order, an unknown one under Other", () => {
    expect(groupPermissions(["studio.view", "members.view", "reports.view", "audit.view", "zoom.links"])).toEqual([
      { area: "connections:area.studio", permissions: ["studio.view"] },
      { area: "connections:area.team", permissions: ["members.view", "audit.view"] },
      { area: "connections:area.money", permissions: ["reports.view"] },
      { area: "connections:area.other", permissions: ["zoom.links"] },
    ]);
  });

  it("reads a token as revoked, expired or active", () => {
    const now = Date.parse("2026-12-01T10:00:00Z");
    expect(tokenState({ revoked_at: "2026-11-30T00:00:00Z", expires_at: null }, now)).toBe("revoked");
    expect(tokenState({ revoked_at: null, expires_at: "2026-12-01T09:59:59Z" }, now)).toBe("expired");
    expect(tokenState({ revoked_at: null, expires_at: "2026-12-02T00:00:00Z" }, now)).toBe("active");
    expect(tokenState({ revoked_at: null, expires_at: null }, now)).toBe("active");
  });
});
