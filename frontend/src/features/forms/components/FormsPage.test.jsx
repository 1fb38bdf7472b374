import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp, USERS } from "../../../test/render.jsx";
import { makeStudio, studioList } from "../../../test/studios.js";
import { studioForm, version } from "../test-fixtures.js";
import { FormsPage } from "./FormsPage.jsx";

const BASE = "main /api/studios/lotus-yoga";

function formsApi(forms = [studioForm()], more = {}) {
  return fakeApi({
    "GET main /api/studios": () => ok(studioList(makeStudio("manager"))),
    [`GET ${BASE}/forms`]: () => ok({ items: forms }),
    ...more,
  });
}

const renderForms = (api) => renderApp(<FormsPage />, { route: paths.studioForms, api, as: USERS.user, studios: true });

describe("FormsPage", () => {
  it("lists the forms with the version people sign now", async () => {
    const draft = studioForm({ id: 6, kind: "health", title: "PAR-Q", current_version: null });
    renderForms(formsApi([studioForm(), draft]));
    const waiver = (await screen.findByRole("heading", { name: "Liability waiver" })).closest("li");
    expect(waiver).toHaveTextContent("Liability waiver · needed before a first booking");
    expect(waiver).toHaveTextContent(/Version 2, published .*2031/);
    expect(waiver).not.toHaveTextContent("Changes not published");
    const parq = screen.getByRole("heading", { name: "PAR-Q" }).closest("li");
    expect(parq).toHaveTextContent("A draft: nobody can sign it until it is published.");
    expect(within(parq).getByRole("button", { name: "Publish as version 1" })).toBeInTheDocument();
  });

  it("writes a new form with its questions and the first-booking rule", async () => {
    const made = studioForm({ id: 8, title: "Photos in class", current_version: null });
    const api = formsApi([], { [`POST ${BASE}/forms`]: () => reply(201, made) });
    const { user } = renderForms(api);
    await user.click(await screen.findByRole("button", { name: "New form" }));
    await user.selectOptions(screen.getByLabelText("Kind"), "photo_consent");
    await user.click(screen.getByRole("button", { name: "Add a question" }));
    expect(screen.getByLabelText("Question 1")).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Save the draft" }));
    expect(screen.getByText("Give the form a title.")).toBeInTheDocument();
    expect(screen.getByText("Write the question.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Title"), "Photos in class");
    await user.type(screen.getByLabelText("The words people read"), "We may take photos.");
    await user.type(screen.getByLabelText("Question 1"), "May we show your face?");
    await user.selectOptions(screen.getByLabelText("Answer"), "text");
    await user.click(screen.getByLabelText("Must be answered"));
    await user.click(screen.getByLabelText("Needed before a person's first booking"));
    await user.click(screen.getByRole("button", { name: "Save the draft" }));
    expect(await screen.findByText("Photos in class: the draft is saved.")).toBeInTheDocument();
    expect(api.callsTo(`POST ${BASE}/forms`)[0].body).toEqual({
      kind: "photo_consent",
      title: "Photos in class",
      body: "We may take photos.",
      questions: [{ label: "May we show your face?", kind: "text", required: false }],
      required_before_first_booking: true,
    });
    expect(screen.getByRole("heading", { name: "Photos in class" })).toBeInTheDocument();
  });

  it("edits a draft, removing a question, and says the changes are not published", async () => {
    const api = formsApi([studioForm()], {
      [`PATCH ${BASE}/forms/5`]: ({ body }) => ok(studioForm({ ...body, questions: body.questions.map((one, at) => ({ ...one, id: `q${at + 1}` })) })),
    });
    const { user } = renderForms(api);
    await user.click(await screen.findByRole("button", { name: "Edit the draft" }));
    expect(screen.getByLabelText("Title")).toHaveValue("Liability waiver");
    await user.click(screen.getByRole("button", { name: "Remove question 1" }));
    expect(screen.getByLabelText("Question 1")).toHaveValue("Injuries the teacher should know of");
    expect(screen.getByLabelText("Question 1")).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Save the draft" }));
    await screen.findByText("Liability waiver: the draft is saved.");
    expect(api.callsTo(`PATCH ${BASE}/forms/5`)[0].body.questions).toEqual([{ label: "Injuries the teacher should know of", kind: "text", required: false }]);
    expect(screen.getByText("Changes not published")).toBeInTheDocument();
  });

  it("gives the focus back to the button that opened an editor closed with Cancel", async () => {
    const { user } = renderForms(formsApi());
    await user.click(await screen.findByRole("button", { name: "Edit the draft" }));
    expect(screen.getByRole("heading", { name: "The draft of Liability waiver" })).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.getByRole("button", { name: "Edit the draft" })).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "New form" }));
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.getByRole("button", { name: "New form" })).toHaveFocus();
  });

  it("publishes the draft as the next version and says its number", async () => {
    const api = formsApi([studioForm()], {
      [`POST ${BASE}/forms/5/versions`]: () => reply(201, studioForm({ current_version: version({ id: 32, number: 3 }) })),
    });
    const { user } = renderForms(api);
    await user.click(await screen.findByRole("button", { name: "Publish as version 3" }));
    expect(await screen.findByText("Version 3 is published: people sign it from now on.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Publish as version 4" })).toBeInTheDocument();
  });

  it("shows why a version was not published", async () => {
    const api = formsApi([studioForm()], {
      [`POST ${BASE}/forms/5/versions`]: () => apiError(409, "form_unchanged", "The draft is the same as the version people sign now: change it before publishing."),
    });
    const { user } = renderForms(api);
    await user.click(await screen.findByRole("button", { name: "Publish as version 3" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Not published. The draft is the same as the version people sign now");
  });
});
