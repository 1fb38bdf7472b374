/*
 * A studio's widget on its own site: where this script's tag stands, a frame of the app's widget page.
 *
 *   <script src="https://<the app>/embed.js" data-studio="<slug>" data-view="timetable"></script>
 *   <script src="https://<the app>/embed.js" data-studio="<slug>" data-view="event" data-event="<event id>"></script>
 *   optional: data-theme="light" | "dark" (else the visitor's own light or dark preference, followed as it changes)
 *
 * The frame (/embed/<slug>/timetable or /embed/<slug>/events/<id>, ?theme=) tells this script its height; only
 * messages from that frame and from the app's origin are heeded, and the frame is shown from the first of them. Served as it is (no build step, no dependency), so
 * it keeps to ES5 syntax, which any browser on a studio's site runs. Several widgets on one page each get their frame: a tag done is marked.
 */
(function () {
  "use strict";

  var HEIGHT_MESSAGE = "studio-embed:height";
  var THEME_MESSAGE = "studio-embed:theme";
  var DONE = "data-studio-embed"; // set on a tag once seen, so no tag gets two frames
  var SLUG = /^[a-z0-9-]{1,64}$/; // what the app's widget routes take (web_ui/pages.py)
  var EVENT_ID = /^[0-9]{1,18}$/;
  var MIN_HEIGHT = 100;
  var MAX_HEIGHT = 20000;
  var TITLES = { timetable: "Class timetable", event: "Event" };

  function warn(message, script) {
    if (window.console && console.warn) console.warn("Studio widget: " + message, script);
  }

  /** The app's origin: where this very script was loaded from. */
  function originOf(script) {
    try {
      return new URL(script.src, document.baseURI).origin;
    } catch (error) {
      warn("its own address could not be read: " + error.message, script);
      return null;
    }
  }

  /** The frame's path for a tag, or null (after a warning) when the tag does not say a valid one. */
  function framePath(script) {
    var slug = script.getAttribute("data-studio");
    var view = script.getAttribute("data-view") || "timetable";
    if (!slug || !SLUG.test(slug)) return warn('data-studio must be the studio\'s slug (such as "lotus-yoga").', script);
    if (view === "timetable") return "/embed/" + encodeURIComponent(slug) + "/timetable";
    if (view !== "event") return warn('data-view must be "timetable" or "event".', script);
    var eventId = script.getAttribute("data-event");
    if (!eventId || !EVENT_ID.test(eventId)) return warn("data-event must be the event's number.", script);
    return "/embed/" + encodeURIComponent(slug) + "/events/" + encodeURIComponent(eventId);
  }

  /** The visitor's dark-mode preference as a media query list, where the browser has one. */
  function darkQuery() {
    return window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  }

  /** Follows the visitor's light or dark preference as it changes, telling the frame. */
  function followTheme(iframe, origin, query) {
    var tell = function (event) {
      if (!iframe.contentWindow) return;
      iframe.contentWindow.postMessage({ type: THEME_MESSAGE, theme: event.matches ? "dark" : "light" }, origin);
    };
    if (query.addEventListener) query.addEventListener("change", tell);
    else if (query.addListener) query.addListener(tell); // Safari before 14
  }

  /** Takes the frame's height, from that frame and the app's origin only, within bounds. */
  function followHeight(iframe, origin) {
    window.addEventListener("message", function (event) {
      if (event.source !== iframe.contentWindow || event.origin !== origin) return;
      var data = event.data;
      if (!data || data.type !== HEIGHT_MESSAGE || typeof data.height !== "number" || !isFinite(data.height)) return;
      var height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(data.height)));
      iframe.style.height = height + "px";
      iframe.style.visibility = ""; // the app's page is in it: a refused frame never gets here
    });
  }

  function mount(script) {
    script.setAttribute(DONE, "");
    var origin = originOf(script);
    var path = framePath(script);
    if (!origin || !path) return;
    var chosen = script.getAttribute("data-theme");
    var fixed = chosen === "light" || chosen === "dark";
    var query = fixed ? null : darkQuery();
    var theme = fixed ? chosen : query && query.matches ? "dark" : "light";

    var iframe = document.createElement("iframe");
    iframe.src = origin + path + "?theme=" + theme;
    iframe.title = TITLES[script.getAttribute("data-view") || "timetable"];
    iframe.setAttribute("loading", "lazy");
    iframe.style.width = "100%";
    iframe.style.height = "600px";
    iframe.style.border = "0";
    iframe.style.display = "block";
    // Out of sight until the page in it says its height: on a site the studio did not name, the browser refuses
    // the page (CSP frame-ancestors) and would show its own "refused to connect" page; it stays an empty frame.
    iframe.style.visibility = "hidden";
    script.parentNode.insertBefore(iframe, script.nextSibling);

    followHeight(iframe, origin);
    if (query) followTheme(iframe, origin, query);
  }

  /** This tag, and any other widget tag not seen yet (a page may hold several, or load this script async). */
  function pending() {
    var found = [];
    var current = document.currentScript;
    if (current && current.hasAttribute("data-studio") && !current.hasAttribute(DONE)) found.push(current);
    var tags = document.querySelectorAll("script[data-studio]:not([" + DONE + "])");
    for (var i = 0; i < tags.length; i += 1) {
      if (tags[i] !== current && /\/embed\.js(\?|#|$)/.test(tags[i].src)) found.push(tags[i]);
    }
    return found;
  }

  var scripts = pending();
  for (var i = 0; i < scripts.length; i += 1) mount(scripts[i]);
})();
