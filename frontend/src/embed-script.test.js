/** public/embed.js, the script a studio puts on its own site, run in jsdom as a browser runs it: its text evaluated
 *  with the tag as document.currentScript. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cwd } from "node:process";
import { afterEach, describe, expect, it, vi } from "vitest";

const SOURCE = readFileSync(join(cwd(), "public", "embed.js"), "utf8");
const APP = "https://app.example";

/** A widget's tag in the page (not loaded: jsdom fetches no script), with its data- attributes. */
function tag(data, src = `${APP}/embed.js`) {
  const script = document.createElement("script");
  script.src = src;
  for (const [name, value] of Object.entries(data)) script.setAttribute(`data-${name}`, value);
  const box = document.createElement("div");
  box.className = "host-box";
  box.append(script, document.createElement("footer"));
  document.body.append(box);
  return script;
}

/** Runs the script as the browser would for `current` (null: loaded in a way that has no currentScript). */
function run(current) {
  Object.defineProperty(document, "currentScript", { configurable: true, get: () => current });
  try {
    new Function(SOURCE)();
  } finally {
    delete document.currentScript;
  }
}

/** A media query list for prefers-color-scheme, whose change the test fires. */
function colourScheme(dark) {
  const listeners = [];
  const query = { matches: dark, addEventListener: (type, listener) => listeners.push(listener), change: (matches) => listeners.forEach((listener) => listener({ matches })) };
  window.matchMedia = vi.fn(() => query);
  return query;
}

const fromFrame = (iframe, data, origin = APP, source = iframe.contentWindow) => window.dispatchEvent(new MessageEvent("message", { data, origin, source }));

afterEach(() => {
  document.querySelectorAll(".host-box").forEach((box) => box.remove());
  delete window.matchMedia;
  vi.restoreAllMocks();
});

describe("embed.js", () => {
  it("puts the timetable's frame right after its tag, themed as the visitor prefers", () => {
    colourScheme(true);
    const script = tag({ studio: "lotus-yoga", view: "timetable" });
    run(script);
    const iframe = script.nextElementSibling;
    expect(iframe.tagName).toBe("IFRAME");
    expect(iframe.src).toBe(`${APP}/embed/lotus-yoga/timetable?theme=dark`);
    expect(iframe.title).toBe("Class timetable");
    expect(iframe.getAttribute("loading")).toBe("lazy");
    expect(iframe.style.width).toBe("100%");
    expect(iframe.style.height).toBe("600px");
    expect(iframe.style.border).toMatch(/^0(px)?/);
    expect(script).toHaveAttribute("data-studio-embed");
    expect(window.matchMedia).toHaveBeenCalledWith("(prefers-color-scheme: dark)");
  });

  it("frames one event, in the theme its tag names, light without a preference to read", () => {
    const script = tag({ studio: "lotus-yoga", view: "event", event: "42", theme: "light" });
    run(script);
    expect(script.nextElementSibling.src).toBe(`${APP}/embed/lotus-yoga/events/42?theme=light`);
    expect(script.nextElementSibling.title).toBe("Event");

    const plain = tag({ studio: "lotus-yoga" }); // no view: the timetable; no matchMedia here: light
    run(plain);
    expect(plain.nextElementSibling.src).toBe(`${APP}/embed/lotus-yoga/timetable?theme=light`);
  });

  it("takes the frame's height from that frame and the app's origin only, within 100 to 20000 px", () => {
    const script = tag({ studio: "lotus-yoga", view: "timetable" });
    const other = document.createElement("iframe");
    document.body.append(other);
    run(script);
    const iframe = script.nextElementSibling;
    const height = (value) => fromFrame(iframe, { type: "studio-embed:height", height: value });

    height(812.3);
    expect(iframe.style.height).toBe("813px");
    fromFrame(iframe, { type: "studio-embed:height", height: 300 }, "https://evil.example");
    fromFrame(iframe, { type: "studio-embed:height", height: 300 }, APP, other.contentWindow);
    fromFrame(iframe, { type: "something-else", height: 300 });
    height("300");
    height(Number.NaN);
    expect(iframe.style.height).toBe("813px");
    height(5);
    expect(iframe.style.height).toBe("100px");
    height(99_999);
    expect(iframe.style.height).toBe("20000px");
    other.remove();
  });

  it("keeps the frame out of sight until the app's page in it says its height, so a refused frame shows nothing", () => {
    const script = tag({ studio: "lotus-yoga", view: "timetable" });
    run(script);
    const iframe = script.nextElementSibling;
    // A site the studio did not name: the browser refuses the page (frame-ancestors), and no height ever comes.
    expect(iframe.style.visibility).toBe("hidden");
    fromFrame(iframe, { type: "studio-embed:height", height: 400 }, "https://evil.example");
    expect(iframe.style.visibility).toBe("hidden");
    fromFrame(iframe, { type: "studio-embed:height", height: 400 });
    expect(iframe.style.visibility).toBe("");
  });

  it("tells the frame when the visitor's preference changes, to the app's origin only", () => {
    const query = colourScheme(false);
    const script = tag({ studio: "lotus-yoga" });
    run(script);
    const iframe = script.nextElementSibling;
    const post = vi.spyOn(iframe.contentWindow, "postMessage").mockImplementation(() => {});
    query.change(true);
    expect(post).toHaveBeenCalledWith({ type: "studio-embed:theme", theme: "dark" }, APP);
  });

  it("leaves the theme alone when the tag names one", () => {
    const query = colourScheme(false);
    const script = tag({ studio: "lotus-yoga", theme: "dark" });
    run(script);
    const post = vi.spyOn(script.nextElementSibling.contentWindow, "postMessage").mockImplementation(() => {});
    query.change(false);
    expect(post).not.toHaveBeenCalled();
    expect(script.nextElementSibling.src).toMatch(/\?theme=dark$/);
  });

  it("makes one frame per widget when a page holds several, even run again or without currentScript", () => {
    const first = tag({ studio: "lotus-yoga" });
    const second = tag({ studio: "blue-lotus", view: "event", event: "7" });
    const stranger = tag({ studio: "lotus-yoga" }, "https://elsewhere.example/widget.js");
    run(null);
    run(second);
    expect(document.querySelectorAll("iframe")).toHaveLength(2);
    expect(first.nextElementSibling.src).toBe(`${APP}/embed/lotus-yoga/timetable?theme=light`);
    expect(second.nextElementSibling.src).toBe(`${APP}/embed/blue-lotus/events/7?theme=light`);
    expect(stranger.nextElementSibling.tagName).toBe("FOOTER");
  });

  it("ignores a tag without a valid slug or event, with a warning", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    for (const data of [{ studio: "" }, { studio: "Lotus Yoga!" }, { studio: "../admin" }, { studio: "lotus-yoga", view: "event" }, { studio: "lotus-yoga", view: "event", event: "7/../x" }, { studio: "lotus-yoga", view: "map" }]) {
      const script = tag(data);
      run(script);
      expect(script.nextElementSibling.tagName).toBe("FOOTER");
    }
    expect(warn).toHaveBeenCalledTimes(6);
    expect(document.querySelectorAll("iframe")).toHaveLength(0);
  });
});
