import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths, patterns } from "../../../lib/paths.js";
import { apiError, ok } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { BOOK, bookApi, makeClient, makeEntry, makeProfile } from "../test-fixtures.js";
import { ClientPage } from "./ClientPage.jsx";

const ASHA = makeClient(1, { name: "Asha Verma", email: "asha@example.com", phone: "+919876543210", visits: 12, no_shows: 2 });
const ASHA_TOO = makeClient(5, { name: "Asha V.", email: "asha.v@example.com" });
const PROFILE = `GET ${BOOK}/1`;
const hoursAgo = (hours) => new Date(Date.now() - hours * 3600_000).toISOString();
const note = (id, overrides) => ({ id, text: `Note ${id}`, author: { id: USERS.user.id, name: "Asha Verma" }, created_at: hoursAgo(1), edited_at: null, ...overrides });

/** The book with Asha's profile answering from `state` (changed by the handlers of a test). */
function clientApi({ role = "owner", state = {}, more = {} } = {}) {
  const profile = ({ query }) => ok(makeProfile(ASHA, { query, ...state }));
  return bookApi({ role, clients: [ASHA, ASHA_TOO], more: { [PROFILE]: profile, ...more } });
}
const renderClient = (api, id = 1) => renderApp(<ClientPage />, { route: paths.client(id), path: patterns.client, api, as: USERS.user, studios: true });
const section = (name) => screen.getByRole("heading", { name }).closest("section");

describe("ClientPage", () => {
  it("shows who the client is, their figures, money, passes, tags, consent, notes and timeline", async () => {
    const notes = [note(3, { text: "Knee injury, prefers the back row", author: { id: 9, name: "Ravi Iyer" }, created_at: "2031-03-01T04:30:00+00:00" })];
    renderClient(clientApi({ state: { notes, timeline: [makeEntry(2, { type: "no_show" }), makeEntry(1)] } }));
    expect(await screen.findByRole("heading", { level: 1, name: "Asha Verma" })).toBeInTheDocument();
    expect(screen.getByText(/asha@example.com · \+919876543210 · client since/)).toBeInTheDocument();
    const figures = section("Figures");
    expect(within(figures).getByText("Visits").nextSibling).toHaveTextContent("12");
    expect(within(figures).getByText("Bookings ahead").nextSibling).toHaveTextContent("2");
    expect(within(section("Money")).getByText("₹4,500")).toBeInTheDocument();
    expect(within(section("Money")).getByText("₹500 refunded")).toBeInTheDocument();
    expect(within(section("Passes")).getByText("5-class pack")).toBeInTheDocument();
    expect(within(section("Tags")).getAllByRole("listitem").map((item) => item.textContent)).toEqual(["knee", "regular"]);
    expect(within(section("Marketing consent")).getByText("Never asked")).toBeInTheDocument();
    const shown = within(section("Notes")).getByText("Knee injury, prefers the back row").closest("li");
    expect(shown).toHaveTextContent(/Ravi Iyer, .*2031/);
    expect(within(shown).queryByRole("button", { name: /Change/ })).not.toBeInTheDocument(); // someone else's
    const entries = within(section("Timeline")).getAllByRole("listitem");
    expect(entries[0]).toHaveTextContent("No-show · Morning Flow");
    expect(entries[1]).toHaveTextContent("Checked in · Morning Flow");
  });

  it("shows the client's name in another script beside their name", async () => {
    const priya = makeClient(1, { name: "Priya Sharma", other_name: "प्रिया शर्मा", email: "priya@example.com" });
    renderClient(bookApi({ clients: [priya], more: { [PROFILE]: ({ query }) => ok(makeProfile(priya, { query })) } }));
    expect(await screen.findByRole("heading", { level: 1, name: "Priya Sharma · प्रिया शर्मा" })).toBeInTheDocument();
  });

  it("shows a client's WhatsApp messages in the timeline as their words, and an answer with who sent it", async () => {
    const timeline = [
      makeEntry(3, { type: "whatsapp_answered", event_title: null, whatsapp: { text: "Yes, at 7.", sent_by: { id: 9, name: "Ravi Iyer" }, message_id: "m1" } }),
      makeEntry(2, { type: "whatsapp_received", event_title: null, message: "Asha wrote on WhatsApp", whatsapp: { text: "Is there a class\ntomorrow?" } }),
      makeEntry(1, { type: "whatsapp_received", event_title: null, message: "Only the CRM's words" }),
    ];
    renderClient(clientApi({ state: { timeline } }));
    await screen.findByRole("heading", { level: 1, name: "Asha Verma" });
    const entries = within(section("Timeline")).getAllByRole("listitem");
    expect(entries[0]).toHaveTextContent("WhatsApp answer Ravi Iyer: “Yes, at 7.”");
    expect(entries[1]).toHaveTextContent("WhatsApp message “Is there a class tomorrow?”");
    expect(entries[1]).not.toHaveTextContent("Asha wrote on WhatsApp");
    expect(entries[2]).toHaveTextContent("WhatsApp message “Only the CRM's words”");
  });

  it("pages through the timeline, newest first", async () => {
    const timeline = Array.from({ length: 25 }, (_, index) => makeEntry(100 - index, { event_title: `Class ${index + 1}` }));
    const api = clientApi({ state: { timeline } });
    const { user } = renderClient(api);
    await screen.findByRole("heading", { level: 1, name: "Asha Verma" });
    expect(within(section("Timeline")).getAllByRole("listitem")[0]).toHaveTextContent("Class 1");
    await user.click(within(section("Timeline")).getByRole("button", { name: "Next" }));
    await waitFor(() => expect(within(section("Timeline")).getAllByRole("listitem")).toHaveLength(5));
    expect(within(section("Timeline")).getAllByRole("listitem")[0]).toHaveTextContent("Class 21");
    expect(api.callsTo(PROFILE).at(-1).query).toEqual({ page: "2", per_page: "20" });
  });

  it("adds a note, shown with its author once the CRM has it", async () => {
    const state = { notes: [] };
    const api = clientApi({
      state,
      more: {
        [`POST ${BOOK}/1/notes`]: ({ body }) => {
          state.notes = [note(11, { text: body.text })];
          return { status: 201, body: state.notes[0] };
        },
      },
    });
    const { user } = renderClient(api);
    await screen.findByText("No notes yet.");
    await user.click(screen.getByRole("button", { name: "Add note" }));
    expect(await screen.findByText("Write the note first.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("New note"), "Prefers the back row");
    await user.click(screen.getByRole("button", { name: "Add note" }));
    expect(await within(section("Notes")).findByText("Prefers the back row")).toBeInTheDocument();
    expect(api.callsTo(`POST ${BOOK}/1/notes`)[0].body).toEqual({ text: "Prefers the back row" });
    expect(screen.getByLabelText("New note")).toHaveValue("");
  });

  it("changes one's own recent note, and says so when the CRM has locked it meanwhile", async () => {
    const state = { notes: [note(4, { text: "First try" }), note(2, { text: "Old news", created_at: hoursAgo(30) })] };
    let locked = false;
    const api = clientApi({
      state,
      more: {
        [`PATCH ${BOOK}/1/notes/4`]: ({ body }) => {
          if (locked) return apiError(409, "note_locked", "A note can be changed for 24 hours after it was written.");
          state.notes = [note(4, { text: body.text, edited_at: new Date().toISOString() }), state.notes[1]];
          return ok(state.notes[0]);
        },
      },
    });
    const { user } = renderClient(api);
    await screen.findByRole("heading", { name: "Notes" });
    const old = (await within(section("Notes")).findByText("Old news")).closest("li");
    expect(within(old).queryByRole("button", { name: /Change/ })).not.toBeInTheDocument(); // past 24 hours
    await user.click(within(section("Notes")).getByRole("button", { name: /Change your note/ }));
    await user.clear(screen.getByLabelText("Change the note"));
    await user.type(screen.getByLabelText("Change the note"), "Second try");
    await user.click(screen.getByRole("button", { name: "Save the note" }));
    const changed = (await within(section("Notes")).findByText("Second try")).closest("li");
    expect(changed).toHaveTextContent("edited");

    locked = true;
    await user.click(within(changed).getByRole("button", { name: /Change your note/ }));
    await user.type(screen.getByLabelText("Change the note"), " again");
    await user.click(screen.getByRole("button", { name: "Save the note" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("more than 24 hours ago: it is kept as written");
    expect(screen.getByLabelText("Change the note")).toHaveValue("Second try again"); // nothing typed is lost
  });

  it("saves the tags edited: one removed, one added", async () => {
    const state = { tags: ["knee", "regular"] };
    const api = clientApi({
      state,
      more: {
        [`PUT ${BOOK}/1/tags`]: ({ body }) => {
          state.tags = body.tags;
          return ok({ tags: body.tags });
        },
      },
    });
    const { user } = renderClient(api);
    await screen.findByRole("heading", { level: 1, name: "Asha Verma" });
    await user.click(screen.getByRole("button", { name: "Edit tags" }));
    await user.click(screen.getByRole("button", { name: "Remove tag regular" }));
    await user.type(screen.getByLabelText("Add a tag"), "Bad tag!{Enter}");
    expect(screen.getByText(/Letters, digits, spaces/)).toBeInTheDocument();
    await user.clear(screen.getByLabelText("Add a tag"));
    await user.type(screen.getByLabelText("Add a tag"), "Back Row{Enter}");
    await user.click(screen.getByRole("button", { name: "Save tags" }));
    expect(await screen.findByText("Tags saved.")).toBeInTheDocument();
    expect(api.callsTo(`PUT ${BOOK}/1/tags`)[0].body).toEqual({ tags: ["back row", "knee"] });
    await waitFor(() => expect(within(section("Tags")).getAllByRole("listitem").map((item) => item.textContent)).toEqual(["back row", "knee"]));
  });

  it("records consent with how it was given", async () => {
    const api = clientApi({ more: { [`PUT ${BOOK}/1/consent`]: ({ body }) => ok({ ...body, at: new Date().toISOString(), recorded_by: 7 }) } });
    const { user } = renderClient(api);
    await screen.findByText("Never asked");
    await user.click(screen.getByRole("button", { name: "Record consent" }));
    // The one consent covers emails, WhatsApp messages and texts alike.
    expect(screen.getByRole("group", { name: "Marketing messages" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Record consent" }));
    expect(await screen.findByText("Say how it was given or withdrawn.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("How"), "Signed form at the desk");
    await user.click(screen.getByRole("button", { name: "Record consent" }));
    await waitFor(() => expect(api.callsTo(`PUT ${BOOK}/1/consent`)).toHaveLength(1));
    expect(api.callsTo(`PUT ${BOOK}/1/consent`)[0].body).toEqual({ marketing: true, how: "Signed form at the desk" });
  });

  it("merges a duplicate found by search after a confirmation, and undoes it", async () => {
    const state = { merged: [] };
    const api = clientApi({
      state,
      more: {
        [`POST ${BOOK}/5/merge`]: ({ body }) => {
          state.merged = [{ id: 5, name: ASHA_TOO.name, email: ASHA_TOO.email, merged_at: new Date().toISOString() }];
          return ok({ id: 5, merged_into: body.into, merged_at: state.merged[0].merged_at });
        },
        [`POST ${BOOK}/5/unmerge`]: () => {
          state.merged = [];
          return ok({ id: 5, merged_into: null, merged_at: null });
        },
      },
    });
    const { user } = renderClient(api);
    await screen.findByRole("heading", { level: 1, name: "Asha Verma" });
    await user.type(screen.getByLabelText("Find the duplicate"), "asha");
    const found = await screen.findByRole("list", { name: "Clients found" });
    expect(within(found).getAllByRole("button").map((button) => button.textContent)).toEqual(["Merge Asha V. asha.v@example.com"]); // not herself
    await user.click(within(found).getByRole("button"));
    const dialog = screen.getByRole("dialog", { name: "Merge Asha V. into Asha Verma?" });
    expect(dialog).toHaveTextContent("You can undo this here for 30 days.");
    await user.click(within(dialog).getByRole("button", { name: "Merge" }));
    expect(await screen.findByText("Asha V. is merged into Asha Verma.")).toBeInTheDocument();
    expect(api.callsTo(`POST ${BOOK}/5/merge`)[0].body).toEqual({ into: 1 });
    await user.click(await screen.findByRole("button", { name: "Undo the merge of Asha V." }));
    await waitFor(() => expect(screen.queryByRole("button", { name: "Undo the merge of Asha V." })).not.toBeInTheDocument());
    expect(api.callsTo(`POST ${BOOK}/5/unmerge`)).toHaveLength(1);
    expect(screen.getByText("Asha V. is a client of their own again.")).toBeInTheDocument();
  });

  it("shows an instructor no money and nothing to write", async () => {
    const api = clientApi({ role: "instructor", state: { money: undefined, notes: [note(3)] } });
    renderClient(api);
    await screen.findByRole("heading", { level: 1, name: "Asha Verma" });
    expect(screen.queryByRole("heading", { name: "Money" })).not.toBeInTheDocument();
    expect(screen.queryByLabelText("New note")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Change your note/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Edit tags" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Record consent" })).not.toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Merged records" })).not.toBeInTheDocument();
    expect(screen.getByText("Note 3")).toBeInTheDocument();
  });

  it("says when the client is not in the book (unknown, not taught, or merged away)", async () => {
    renderClient(clientApi({ more: { [`GET ${BOOK}/9`]: () => apiError(404, "not_found", "No client 9.") } }), 9);
    expect(await screen.findByRole("heading", { name: "Client not found" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "← All clients" })).toHaveAttribute("href", paths.clients);
  });
  it("shows a child's family as links, and no consent or merge for a child", async () => {
    const ravi = makeClient(1, { name: "Ravi Verma", email: null, user_id: null, child: true });
    const family = { guardians: [{ id: 5, name: "Asha Verma" }], children: [{ id: 8, name: "Mira Verma" }] };
    renderClient(bookApi({ clients: [ravi], more: { [PROFILE]: ({ query }) => ok(makeProfile(ravi, { query, family })) } }));
    expect(await screen.findByRole("heading", { level: 1, name: "Ravi Verma Child" })).toBeInTheDocument();
    const shown = section("Family");
    expect(within(shown).getByRole("link", { name: "Asha Verma" })).toHaveAttribute("href", paths.client(5));
    expect(within(shown).getByText("Brothers and sisters").nextSibling).toHaveTextContent("Mira Verma");
    expect(within(shown).getByText(/sent no marketing of their own/)).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Marketing consent" })).not.toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Merged records" })).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Find the duplicate")).not.toBeInTheDocument();
  });

  it("shows a guardian's children as links to their pages", async () => {
    const family = { guardians: [], children: [{ id: 7, name: "Ravi Verma" }] };
    renderClient(bookApi({ clients: [ASHA], more: { [PROFILE]: ({ query }) => ok(makeProfile(ASHA, { query, family })) } }));
    await screen.findByRole("heading", { name: "Family" });
    const shown = section("Family");
    expect(within(shown).getByText("Children")).toBeInTheDocument();
    expect(within(shown).getByRole("link", { name: "Ravi Verma" })).toHaveAttribute("href", paths.client(7));
    expect(within(section("Marketing consent")).getByText("Never asked")).toBeInTheDocument();
  });
});
