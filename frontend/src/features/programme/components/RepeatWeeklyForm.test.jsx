import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { viewerInZone } from "../../../test/viewer-zone.js";
import { paths, patterns } from "../../../lib/paths.js";
import { event, session } from "../test-fixtures.js";
import { ManageEventPage } from "./ManageEventPage.jsx";

const BASE = "/api/facilitator/2/events/1";
const SERIES = `POST main ${BASE}/series`;
const theEvent = event({ id: 1, sessions: [session({ id: 11 })] });

function renderPage(handlers) {
  const api = fakeApi({ [`GET main ${BASE}`]: () => ok(theEvent), ...handlers });
  return { api, ...renderApp(<ManageEventPage />, { route: paths.facilitatorEvent(1), path: patterns.facilitatorEvent, api, as: "facilitator" }) };
}

const repeatForm = () => screen.getByRole("region", { name: "Repeat weekly" });
const fill = (label, value) => fireEvent.change(within(repeatForm()).getByLabelText(label), { target: { value } });

describe("RepeatWeeklyForm", () => {
  viewerInZone("Europe/Berlin");

  it("previews the dates, then sends the rule with the time on the event's clock", async () => {
    const { api, user } = renderPage({ [SERIES]: ({ body }) => reply(201, { series_id: 3, sessions: [1, 2, 3, 4].map((id) => session({ id, ...body })) }) });
    await screen.findByRole("heading", { name: "Repeat weekly" });
    expect(repeatForm()).toHaveTextContent(/Asia\/Kolkata/);
    fill("First day", "2031-01-06"); // a Monday: chosen for the series at once
    expect(within(repeatForm()).getByRole("checkbox", { name: "Monday" })).toBeChecked();
    await user.click(within(repeatForm()).getByRole("checkbox", { name: "Thursday" }));
    fill("Starts at", "07:00");
    fill("Number of sessions", "4");
    fill("Capacity", "12");
    fill("Price", "800");
    const preview = within(repeatForm()).getByRole("list", { name: "Dates of the series" });
    expect(within(preview).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Mon, Jan 6, 2031",
      "Thu, Jan 9, 2031",
      "Mon, Jan 13, 2031",
      "Thu, Jan 16, 2031",
    ]);
    expect(repeatForm()).toHaveTextContent("4 sessions, each at 07:00");

    await user.click(within(repeatForm()).getByRole("button", { name: "Add 4 sessions" }));
    expect(await within(repeatForm()).findByText("4 sessions added.")).toBeInTheDocument();
    expect(api.callsTo(SERIES)[0].body).toEqual({
      rrule: "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4",
      starts_on: "2031-01-06",
      start_time: "07:00",
      duration_minutes: 60,
      capacity: 12,
      price: 80000,
      currency: "INR",
    });
  });

  it("ends on a last day, shows a long series in short, and refuses one of more than 366 before sending", async () => {
    const { api, user } = renderPage({});
    await screen.findByRole("heading", { name: "Repeat weekly" });
    fill("First day", "2031-01-06");
    fill("Ends", "until");
    fill("Last day", "2031-06-30");
    const items = within(within(repeatForm()).getByRole("list", { name: "Dates of the series" })).getAllByRole("listitem");
    expect(items).toHaveLength(13);
    expect(items.at(-1)).toHaveTextContent(/and 14 more dates, the last on Mon, Jun 30, 2031/);

    fill("Ends", "count");
    fill("Number of sessions", "367");
    fill("Starts at", "07:00");
    fill("Capacity", "5");
    await user.click(within(repeatForm()).getByRole("button", { name: "Add sessions" }));
    expect(within(repeatForm()).getByLabelText("Number of sessions")).toHaveAccessibleDescription(/more than 366 sessions/);
    expect(api.callsTo(SERIES)).toHaveLength(0);
  });

  it("asks for the days, and shows the server's refusal of the rule above the form", async () => {
    const refusal = apiError(400, "validation_error", "Invalid input: rrule: The first session must be in the future.", { rrule: ["The first session must be in the future."] });
    const { api, user } = renderPage({ [SERIES]: () => refusal });
    await screen.findByRole("heading", { name: "Repeat weekly" });
    fill("Starts at", "07:00");
    fill("Capacity", "5");
    await user.click(within(repeatForm()).getByRole("button", { name: "Add sessions" }));
    expect(within(repeatForm()).getByText("Choose at least one day of the week.")).toBeInTheDocument();
    expect(api.callsTo(SERIES)).toHaveLength(0);

    fill("First day", "2031-01-06");
    await user.click(within(repeatForm()).getByRole("button", { name: "Add 10 sessions" }));
    expect(await within(repeatForm()).findByText(/The first session must be in the future\./)).toBeInTheDocument();
  });
});
