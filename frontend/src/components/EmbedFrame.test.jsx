import { act, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { Route } from "react-router";
import { HEIGHT_MESSAGE, THEME_MESSAGE } from "../lib/embed-frame.js";
import { inFrame, receive } from "../test/frame.js";
import { renderApp } from "../test/render.jsx";
import { EmbedFrame } from "./EmbedFrame.jsx";

const ROUTE = "/embed/lotus-yoga/timetable";

function renderFrame(query = "") {
  const page = (
    <Route element={<EmbedFrame />}>
      <Route path="/embed/:slug/timetable" element={<h1>Timetable</h1>} />
    </Route>
  );
  return renderApp(null, { route: `${ROUTE}${query}`, path: "/unused", routes: page });
}

/** The root's height as the page lays it out (jsdom lays nothing out). */
const rootHeight = (height) => vi.spyOn(document.documentElement, "getBoundingClientRect").mockReturnValue({ height });
const heightsSent = (parent) => parent.postMessage.mock.calls.filter(([data]) => data.type === HEIGHT_MESSAGE);

describe("EmbedFrame, framed on a studio's site", () => {
  const frame = inFrame();

  it("shows the page in a <main> with no site header, and tells the parent its height as it changes", async () => {
    rootHeight(812.2);
    renderFrame();
    expect(await screen.findByRole("heading", { level: 1, name: "Timetable" })).toBeInTheDocument();
    expect(screen.getByRole("main")).toContainElement(screen.getByRole("heading", { level: 1 }));
    expect(screen.queryByRole("banner")).not.toBeInTheDocument();
    expect(screen.queryByRole("navigation")).not.toBeInTheDocument();
    expect(heightsSent(frame.parent)).toEqual([[{ type: HEIGHT_MESSAGE, height: 813 }, "*"]]);

    rootHeight(400);
    act(() => frame.resize());
    rootHeight(400);
    act(() => frame.resize()); // the same height again: nothing new to say
    expect(heightsSent(frame.parent).map(([data]) => data.height)).toEqual([813, 400]);
  });

  it("takes its theme from ?theme=, then from its parent's messages only, on <html>", async () => {
    const { unmount } = renderFrame("?theme=dark");
    await screen.findByRole("heading", { level: 1 });
    const root = document.documentElement;
    expect(root).toHaveAttribute("data-theme", "dark");
    expect(root).toHaveAttribute("data-embed");

    act(() => receive({ type: THEME_MESSAGE, theme: "light" }, { source: window, origin: "https://evil.example" }));
    expect(root).toHaveAttribute("data-theme", "dark");
    act(() => receive({ type: THEME_MESSAGE, theme: "purple" }, { source: frame.parent }));
    expect(root).toHaveAttribute("data-theme", "dark");
    act(() => receive({ type: THEME_MESSAGE, theme: "light" }, { source: frame.parent, origin: "https://studio.example" }));
    expect(root).toHaveAttribute("data-theme", "light");

    unmount();
    expect(root).not.toHaveAttribute("data-theme");
    expect(root).not.toHaveAttribute("data-embed");
  });

  it("starts light when ?theme= says nothing it knows", async () => {
    renderFrame("?theme=sepia");
    await screen.findByRole("heading", { level: 1 });
    expect(document.documentElement).toHaveAttribute("data-theme", "light");
  });
});

describe("EmbedFrame, opened on its own", () => {
  it("posts no height when nothing frames it", async () => {
    const post = vi.spyOn(window, "postMessage");
    renderFrame();
    await screen.findByRole("heading", { level: 1 });
    expect(post).not.toHaveBeenCalled();
    post.mockRestore();
  });
});
