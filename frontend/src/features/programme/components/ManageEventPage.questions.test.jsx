import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { viewerInZone } from "../../../test/viewer-zone.js";
import { paths, patterns } from "../../../lib/paths.js";
import { event, session } from "../test-fixtures.js";
import { ManageEventPage } from "./ManageEventPage.jsx";

const BASE = "/api/facilitator/2/events/1";
const PATCH = `PATCH main ${BASE}`;
const PUT = `PUT main ${BASE}/questions`;
const DIET = { id: 5, kind: "choice", label: "Diet", help_text: "", required: true, sensitive: false, choices: ["None", "Vegan"] };

function eventApi(handlers = {}) {
  let current = event({ id: 1, kind: "retreat", sessions: [session({ id: 11 })] });
  let questions = [DIET];
  return fakeApi({
    [`GET main ${BASE}`]: () => ok(current),
    [PATCH]: ({ body }) => {
      current = { ...current, ...body };
      return ok(current);
    },
    [`GET main ${BASE}/questions`]: () => ok({ items: questions }),
    [PUT]: ({ body }) => {
      questions = body.questions.map((question, index) => ({ help_text: "", choices: [], ...question, id: question.id ?? 100 + index }));
      return ok({ items: questions });
    },
    ...handlers,
  });
}

const renderPage = (api) => renderApp(<ManageEventPage />, { route: paths.facilitatorEvent(1), path: patterns.facilitatorEvent, api, as: "facilitator" });
const questionsArea = () => screen.getByRole("region", { name: "Questions" });
const editForm = () => screen.getByRole("region", { name: "Edit event" });

describe("ManageEventPage: approval and questions", () => {
  viewerInZone("Asia/Kolkata");

  it("turns approval on with the rest of the event's fields", async () => {
    const api = eventApi();
    const { user } = renderPage(api);
    await screen.findByRole("heading", { name: "Edit event" });
    const approval = within(editForm()).getByLabelText("Bookings need my approval");
    expect(approval).not.toBeChecked();
    expect(approval).toHaveAccessibleDescription(/request to book/);
    await user.click(approval);
    await user.click(within(editForm()).getByRole("button", { name: "Save event" }));
    expect(await screen.findByText("Event updated.")).toBeInTheDocument();
    expect(api.callsTo(PATCH).map((call) => call.body)).toEqual([{ requires_approval: true }]);
    expect(within(editForm()).getByLabelText("Bookings need my approval")).toBeChecked();
  });

  it("edits, adds and saves the questions as a whole, keeping the ids of those kept", async () => {
    const api = eventApi();
    const { user } = renderPage(api);
    await waitFor(() => expect(within(questionsArea()).getByLabelText("Label")).toHaveValue("Diet"));
    await user.click(within(questionsArea()).getByRole("button", { name: "Add a question" }));
    const second = within(questionsArea()).getByRole("group", { name: "Question 2" });
    await user.type(within(second).getByLabelText("Label"), "Injuries or conditions");
    await user.selectOptions(within(second).getByLabelText("Kind"), "long_text");
    await user.click(within(second).getByLabelText(/Sensitive/));
    await user.type(within(second).getByLabelText("Help text"), "Only the teacher reads this");
    await user.click(within(questionsArea()).getByRole("button", { name: "Save questions" }));
    expect(await within(questionsArea()).findByText(/Questions saved/)).toBeInTheDocument();
    expect(api.callsTo(PUT)[0].body.questions).toEqual([
      { id: 5, kind: "choice", label: "Diet", help_text: "", required: true, sensitive: false, choices: ["None", "Vegan"] },
      { kind: "long_text", label: "Injuries or conditions", help_text: "Only the teacher reads this", required: false, sensitive: true },
    ]);
  });

  it("names what is missing before saving, and the server's objection beside its field", async () => {
    const refused = () => apiError(400, "validation_error", "Invalid input: questions.0.label", { questions: { 0: { label: ["Too long."] } } });
    const api = eventApi({ [PUT]: refused });
    const { user } = renderPage(api);
    await waitFor(() => expect(within(questionsArea()).getByLabelText("Label")).toHaveValue("Diet"));
    const first = within(questionsArea()).getByRole("group", { name: "Question 1" });
    fireEvent.change(within(first).getByLabelText("Choices (one per line)"), { target: { value: "Only one" } });
    await user.click(within(questionsArea()).getByRole("button", { name: "Save questions" }));
    expect(within(first).getByLabelText("Choices (one per line)")).toHaveAccessibleDescription("Give at least two different choices, one per line.");
    expect(api.callsTo(PUT)).toHaveLength(0);
    fireEvent.change(within(first).getByLabelText("Choices (one per line)"), { target: { value: "None\nVegan" } });
    await user.click(within(questionsArea()).getByRole("button", { name: "Save questions" }));
    await waitFor(() => expect(within(first).getByLabelText("Label")).toHaveAccessibleDescription("Too long."));
  });
});
