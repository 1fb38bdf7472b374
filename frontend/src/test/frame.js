/** Component tests of a studio's widget as if framed on a studio's site: window.parent becomes another window (an
 *  iframe's, which jsdom accepts as a message's source), and the ResizeObserver jsdom lacks is a stand-in the test
 *  fires. */
import { afterEach, beforeEach, vi } from "vitest";

/** Called in a describe block: window.parent is `frame.parent` (postMessage spied) during its tests; frame.resize()
 *  runs the observers as a change of size would. */
export function inFrame() {
  const frame = { parent: null, observed: [], resize: () => frame.observed.forEach((callback) => callback([])) };
  let saved;
  let host;
  beforeEach(() => {
    host = document.createElement("iframe");
    document.body.append(host);
    frame.parent = host.contentWindow;
    vi.spyOn(frame.parent, "postMessage");
    saved = Object.getOwnPropertyDescriptor(window, "parent");
    Object.defineProperty(window, "parent", { configurable: true, writable: true, value: frame.parent });
    frame.observed = [];
    globalThis.ResizeObserver = class {
      constructor(callback) {
        this.callback = callback;
      }
      observe() {
        frame.observed.push(this.callback);
      }
      disconnect() {
        frame.observed = frame.observed.filter((callback) => callback !== this.callback);
      }
    };
  });
  afterEach(() => {
    Object.defineProperty(window, "parent", saved);
    delete globalThis.ResizeObserver;
    host.remove();
    vi.restoreAllMocks();
  });
  return frame;
}

/** A message to this window as a browser delivers it: from `source` (a window) and `origin`. */
export function receive(data, { source, origin = "" }) {
  window.dispatchEvent(new MessageEvent("message", { data, source, origin }));
}
