import { screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp, USERS } from "../../../test/render.jsx";
import { makeStudio, ROLE_PERMISSIONS, studioList } from "../../../test/studios.js";
import { StudioSettingsPage } from "./StudioSettingsPage.jsx";

const BASE = "main /api/studios/lotus-yoga";
const SITES = ["https://lotus.example", "http://localhost:8000"];
const PAYMENTS = { provider: "install", install_provider: "test", keys_hint: null, keys_set_at: null, webhook_url: null, choices: ["install"], key_fields: {} };
const EVENTS = [
  { id: 31, title: "Morning Flow", starts_at: "2031-02-03T07:00:00+05:30", timezone: "Asia/Kolkata" },
  { id: 42, title: "Yin Retreat", starts_at: "2031-03-10T09:00:00+05:30", timezone: "Asia/Kolkata" },
];

function widgetApi({ studio = makeStudio("owner"), sites = SITES, patch = ({ body }) => ok({ ...studio, embed_origins: body.embed_origins }), events = EVENTS } = {}) {
  return fakeApi({
    "GET main /api/studios": () => ok(studioList(studio)),
    [`GET ${BASE}/payments`]: () => ok(PAYMENTS),
    [`GET ${BASE}`]: () => ok({ ...studio, embed_origins: sites }),
    [`PATCH ${BASE}`]: patch,
    "GET main /api/public/studios/lotus-yoga": () => ok({ studio: { id: 4, name: "Lotus Yoga", slug: "lotus-yoga", embed_origins: sites }, events, events_total: events.length, passes: [] }),
  });
}

const renderWidget = (api = widgetApi()) => renderApp(<StudioSettingsPage />, { route: paths.studioSettings, api, as: USERS.user, studios: true });

const saveButton = () => screen.queryByRole("button", { name: "Save sites" });

const sitesShown = () => within(screen.getByRole("list", { name: "Sites that may show your widget" })).getAllByRole("listitem").map((item) => item.querySelector("code").textContent);

let restoreClipboard = null;

/** Replaces the clipboard user-event installs (or takes it away with undefined) for one test. */
function useClipboard(clipboard) {
  const original = Object.getOwnPropertyDescriptor(window.navigator, "clipboard");
  restoreClipboard = () => (original ? Object.defineProperty(window.navigator, "clipboard", original) : delete window.navigator.clipboard);
  Object.defineProperty(window.navigator, "clipboard", { value: clipboard, configurable: true, writable: true });
}

describe("Booking widget (studio settings)", () => {
  afterEach(() => {
    restoreClipboard?.();
    restoreClipboard = null;
  });

  it("lists the sites that may frame the widget, each with its Remove button", async () => {
    renderWidget();
    expect(await screen.findByRole("button", { name: "Remove https://lotus.example" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Remove http://localhost:8000" })).toBeInTheDocument();
    expect(sitesShown()).toEqual(SITES);
    expect(screen.getByText("Only these sites can show your timetable; any other site gets a blank frame.")).toBeInTheDocument();
    expect(screen.getByLabelText("Add a site")).toHaveAttribute("type", "url");
    expect(screen.getByLabelText("Add a site")).toHaveAttribute("placeholder", "https://your-site.example");
  });

  it("says when no site may show it", async () => {
    renderWidget(widgetApi({ sites: [] }));
    expect(await screen.findByText("No site may show your widget yet.")).toBeInTheDocument();
    expect(screen.queryByRole("list", { name: "Sites that may show your widget" })).not.toBeInTheDocument();
  });

  it("adds a site, refuses an exact duplicate, removes one and saves the whole list, then shows the API's", async () => {
    const normalized = ["https://lotus.example", "https://studio.example"];
    const { user, api } = renderWidget(widgetApi({ patch: () => ok({ ...makeStudio("owner"), embed_origins: normalized }) }));
    const input = await screen.findByLabelText("Add a site");
    await user.type(input, "https://lotus.example{Enter}");
    expect(screen.getByText("https://lotus.example is on the list already.")).toBeInTheDocument();
    expect(input).toHaveAttribute("aria-invalid", "true");
    await user.clear(input);
    await user.type(input, " https://Studio.example/ ");
    await user.click(screen.getByRole("button", { name: "Add" }));
    expect(sitesShown()).toEqual([...SITES, "https://Studio.example/"]);
    expect(input).toHaveValue("");
    await user.click(screen.getByRole("button", { name: "Remove http://localhost:8000" }));
    expect(sitesShown()).toEqual(["https://lotus.example", "https://Studio.example/"]);
    expect(input).toHaveFocus();
    expect(screen.getByText("Not saved yet.")).toBeInTheDocument();
    expect(api.callsTo(`PATCH ${BASE}`)).toHaveLength(0);

    await user.click(saveButton());
    expect(await screen.findByText("Saved: 2 sites may show your widget.")).toBeInTheDocument();
    expect(api.callsTo(`PATCH ${BASE}`)[0].body).toEqual({ embed_origins: ["https://lotus.example", "https://Studio.example/"] });
    expect(sitesShown()).toEqual(normalized);
    expect(screen.queryByText("Not saved yet.")).not.toBeInTheDocument();
  });

  it("saves an empty list, and says no site may show the widget", async () => {
    const { user, api } = renderWidget(widgetApi({ sites: ["https://lotus.example"] }));
    await user.click(await screen.findByRole("button", { name: "Remove https://lotus.example" }));
    await user.click(saveButton());
    expect(await screen.findByText("Saved. No site may show your widget yet.")).toBeInTheDocument();
    expect(api.callsTo(`PATCH ${BASE}`)[0].body).toEqual({ embed_origins: [] });
  });

  it("shows a refused entry's message beside it, and keeps it there as others are removed", async () => {
    const message = "Must be https (plain http only for localhost).";
    const refused = () => apiError(400, "validation_error", "The request is invalid.", { embed_origins: { 1: [message] } });
    const { user } = renderWidget(widgetApi({ patch: refused }));
    const input = await screen.findByLabelText("Add a site");
    await user.type(input, "http://lotus.example{Enter}");
    await user.click(screen.getByRole("button", { name: "Remove http://localhost:8000" }));
    await user.click(saveButton());
    expect(await within(screen.getByRole("region", { name: "Sites that may show your widget" })).findByRole("alert")).toHaveTextContent("The sites were not saved. Fix the sites marked below.");
    const entry = screen.getByText("http://lotus.example", { selector: "code" }).closest("li");
    expect(within(entry).getByText(message)).toBeInTheDocument();
    expect(within(entry).getByRole("button", { name: "Remove http://lotus.example" })).toHaveAccessibleDescription(message);
    expect(screen.getByText("https://lotus.example", { selector: "code" }).closest("li")).not.toHaveTextContent(message);
  });

  it("passes axe with a refused entry shown", async () => {
    const refused = () => apiError(400, "validation_error", "The request is invalid.", { embed_origins: { 0: ["Must be https (plain http only for localhost)."] } });
    const { user } = renderWidget(widgetApi({ patch: refused }));
    await screen.findByRole("textbox", { name: "Event snippet" });
    await user.click(saveButton());
    await screen.findByText("Must be https (plain http only for localhost).");
    // Colour contrast needs a layout jsdom has not (styles.test.js checks the themes' colours).
    const results = await axe.run(screen.getByRole("region", { name: "Booking widget" }), { rules: { "color-contrast": { enabled: false } } });
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  });

  it("shows a message about the whole list above it", async () => {
    const refused = () => apiError(400, "validation_error", "The request is invalid.", { embed_origins: ["Longer than maximum length 20."] });
    const { user } = renderWidget(widgetApi({ patch: refused }));
    await screen.findByText("Only these sites can show your timetable; any other site gets a blank frame.");
    await user.click(saveButton());
    expect(await screen.findByRole("alert")).toHaveTextContent("The sites were not saved. Longer than maximum length 20.");
  });

  it("gives the timetable's tag with the studio's slug and the app's origin, and a preview in a new tab", async () => {
    const { user } = renderWidget();
    const timetable = await screen.findByRole("textbox", { name: "Timetable snippet" });
    const origin = window.location.origin;
    expect(timetable).toHaveValue(`<script src="${origin}/embed.js" data-studio="lotus-yoga" data-view="timetable"></script>`);
    expect(timetable).toHaveAttribute("readonly");
    const preview = screen.getByRole("link", { name: "Preview" });
    expect(preview).toHaveAttribute("href", "/embed/lotus-yoga/timetable");
    expect(preview).toHaveAttribute("target", "_blank");
    await user.selectOptions(screen.getByLabelText("Colours"), "dark");
    expect(timetable.value).toContain('data-theme="dark"');
    expect(preview).toHaveAttribute("href", "/embed/lotus-yoga/timetable?theme=dark");
  });

  it("gives one event's tag for the event chosen among the upcoming ones", async () => {
    const { user } = renderWidget();
    const code = await screen.findByRole("textbox", { name: "Event snippet" });
    expect(code.value).toContain('data-studio="lotus-yoga" data-view="event" data-event="31"');
    const choice = screen.getByLabelText("Event");
    expect(within(choice).getAllByRole("option").map((option) => option.textContent)).toEqual([expect.stringMatching(/^Morning Flow \(/), expect.stringMatching(/^Yin Retreat \(/)]);
    await user.selectOptions(choice, "42");
    expect(code).toHaveValue(`<script src="${window.location.origin}/embed.js" data-studio="lotus-yoga" data-view="event" data-event="42"></script>`);
  });

  it("says when there is no upcoming event to give a tag for", async () => {
    renderWidget(widgetApi({ events: [] }));
    expect(await screen.findByText(/No upcoming events yet/)).toBeInTheDocument();
    expect(screen.queryByRole("textbox", { name: "Event snippet" })).not.toBeInTheDocument();
  });

  it("copies a tag to the clipboard and says so", async () => {
    const { user } = renderWidget();
    const group = within(await screen.findByRole("group", { name: "Timetable snippet" }));
    const writeText = vi.fn(() => Promise.resolve());
    useClipboard({ writeText });
    await user.click(group.getByRole("button", { name: "Copy" }));
    expect(writeText).toHaveBeenCalledWith(group.getByRole("textbox").value);
    expect(await group.findByText("Copied")).toBeInTheDocument();
    expect(group.getByRole("status")).toHaveTextContent("Copied");
  });

  it("asks to copy by hand, with the tag selected, when the browser has no clipboard", async () => {
    const { user } = renderWidget();
    const group = within(await screen.findByRole("group", { name: "Event snippet" }));
    useClipboard(undefined);
    await user.click(group.getByRole("button", { name: "Copy" }));
    expect(await group.findByText("Your browser didn't let us copy it. The snippet is selected: copy it from there (Ctrl+C, or ⌘C on a Mac).")).toBeInTheDocument();
    const code = group.getByRole("textbox");
    expect(code).toHaveFocus();
    expect([code.selectionStart, code.selectionEnd]).toEqual([0, code.value.length]);
  });

  it("shows the sites read only to a member who may not change the settings", async () => {
    const payments = makeStudio("owner", { my_permissions: ROLE_PERMISSIONS.owner.filter((name) => name !== "studio.settings") });
    renderWidget(widgetApi({ studio: payments }));
    await waitFor(() => expect(sitesShown()).toEqual(SITES));
    expect(screen.getByText("Only the studio's owners change these.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Remove/ })).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Add a site")).not.toBeInTheDocument();
    expect(saveButton()).not.toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Timetable snippet" })).toBeInTheDocument();
  });
});
