import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useSecondsUntil } from "./use-countdown.js";

describe("useSecondsUntil", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2031-01-15T03:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("counts down to the instant, second by second, and stops at 0", () => {
    const { result } = renderHook(() => useSecondsUntil("2031-01-15T03:00:03Z"));
    expect(result.current).toBe(3);
    act(() => vi.advanceTimersByTime(1000));
    expect(result.current).toBe(2);
    act(() => vi.advanceTimersByTime(5000));
    expect(result.current).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("catches up at once after the tab slept", () => {
    const { result } = renderHook(() => useSecondsUntil("2031-01-15T03:10:00Z"));
    expect(result.current).toBe(600);
    act(() => {
      vi.setSystemTime(new Date("2031-01-15T03:08:00Z"));
      vi.advanceTimersByTime(1000);
    });
    expect(result.current).toBe(119);
  });

  it("is null without an instant, and leaves no timer behind when unmounted", () => {
    expect(renderHook(() => useSecondsUntil(null)).result.current).toBeNull();
    const { unmount } = renderHook(() => useSecondsUntil("2031-01-15T03:10:00Z"));
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
