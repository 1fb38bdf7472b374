import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { studioForm, version } from "../features/forms/test-fixtures.js";
import { event, session } from "../features/programme/test-fixtures.js";
import { paths, patterns } from "../lib/paths.js";
import { fakeApi, ok } from "../test/fake-api.js";
import { renderApp } from "../test/render.jsx";
import { makeStudio, studioList } from "../test/studios.js";
import { viewerInZone } from "../test/viewer-zone.js";
import { ManageEventWithForms } from "./ManageEventWithForms.jsx";

const BASE = "main /api/studios/lotus-yoga";
const HEALTH = studioForm({ id: 6, kind: "health", required_before_first_booking: false, current_version: version({ id: 40, title: "PAR-Q" }) });
const PHOTOS = studioForm({ id: 7, kind: "photo_consent", required_before_first_booking: false, current_version: version({ id: 41, title: "Photos in class" }) });
const DRAFT = studioForm({ id: 8, current_version: null });

function formsApi(role) {
  let chosen = [7];
  return fakeApi({
    "GET main /api/studios": () => ok(studioList(makeStudio(role))),
    [`GET ${BASE}/events/1`]: () => ok(event({ id: 1, sessions: [session({ id: 11 })] })),
    [`GET ${BASE}/events/1/questions`]: () => ok({ items: [] }),
    [`GET ${BASE}/forms`]: () => ok({ items: [studioForm(), HEALTH, PHOTOS, DRAFT] }),
    [`GET ${BASE}/events/1/forms`]: () => ok({ form_ids: chosen }),
    [`PUT ${BASE}/events/1/forms`]: ({ body }) => {
      chosen = body.form_ids;
      return ok({ form_ids: chosen });
    },
  });
}

const renderPage = (api) => renderApp(<ManageEventWithForms />, { route: paths.facilitatorEvent(1), path: patterns.facilitatorEvent, api, as: "user", studios: true });

describe("ManageEventWithForms", () => {
  viewerInZone("Asia/Kolkata");

  it("lets the owner choose the published forms an event's bookings need, beside the ones always asked", async () => {
    const api = formsApi("owner");
    const { user } = renderPage(api);
    const section = (await screen.findByRole("heading", { name: "Forms for this event" })).closest("section");
    expect(await within(section).findByText("Asked before anyone's first booking, so here too: Liability waiver.")).toBeInTheDocument();
    const choices = within(section).getByRole("group", { name: "Forms its bookings need signed" });
    expect(within(choices).getAllByRole("checkbox").map((box) => box.labels[0].textContent.trim())).toEqual(["PAR-Q", "Photos in class"]);
    expect(within(choices).getByRole("checkbox", { name: "Photos in class" })).toBeChecked();
    await user.click(within(choices).getByRole("checkbox", { name: "PAR-Q" }));
    await user.click(within(choices).getByRole("checkbox", { name: "Photos in class" }));
    await user.click(within(section).getByRole("button", { name: "Save forms" }));
    expect(await within(section).findByText("Saved: new bookings need these forms signed.")).toBeInTheDocument();
    expect(api.callsTo(`PUT ${BASE}/events/1/forms`)[0].body).toEqual({ form_ids: [6] });
  });

  it("shows no forms section to an instructor", async () => {
    const api = formsApi("instructor");
    renderPage(api);
    await screen.findByRole("heading", { level: 1 });
    await waitFor(() => expect(api.callsTo("GET main /api/studios")).toHaveLength(1));
    expect(screen.queryByRole("heading", { name: "Forms for this event" })).not.toBeInTheDocument();
    expect(api.callsTo(`GET ${BASE}/events/1/forms`)).toHaveLength(0);
  });
});
