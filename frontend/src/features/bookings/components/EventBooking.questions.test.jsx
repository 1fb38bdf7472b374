import { screen, waitFor, within } from "@testing-library/react";
import { useQuery } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { useApi } from "../../../lib/auth.jsx";
import { EVENTS_ROOT_KEY } from "../../../lib/query-client.js";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { bookingPage, makeBooking, makeEvent, makeSession } from "../../../test/fixtures.js";
import { renderApp } from "../../../test/render.jsx";
import { SessionRows, clickInRow, rowOf } from "../../../test/session-rows.jsx";
import { EventBooking } from "./EventBooking.jsx";

const RETREAT = makeSession({ id: 11, price: 0 });
const PAID = makeSession({ id: 12, price: 4_500_000 });
const QUESTIONS = [
  { id: 1, kind: "choice", label: "Diet", help_text: "So the kitchen can plan", required: true, sensitive: false, choices: ["None", "Vegetarian", "Vegan"] },
  { id: 2, kind: "long_text", label: "Injuries or conditions", help_text: "", required: false, sensitive: true, choices: [] },
  { id: 3, kind: "multi_choice", label: "Interests", help_text: "", required: false, sensitive: false, choices: ["Yoga", "Breathwork", "Silence"] },
  { id: 4, kind: "yes_no", label: "First retreat?", help_text: "", required: true, sensitive: false, choices: [] },
  { id: 5, kind: "date", label: "Date of birth", help_text: "", required: false, sensitive: false, choices: [] },
  { id: 6, kind: "text", label: "Emergency contact", help_text: "", required: false, sensitive: false, choices: [] },
];


function Page() {
  const { main } = useApi();
  const { data: event } = useQuery({ queryKey: [...EVENTS_ROOT_KEY, "detail", "1"], queryFn: () => main.get("/events/1") });
  if (!event) return <p>Loading…</p>;
  return <EventBooking event={event} sessionsTable={(sessionAction) => <SessionRows event={event} sessionAction={sessionAction} />} />;
}

function questionsApi(book, { approval = false, questions = QUESTIONS } = {}) {
  return fakeApi({
    "GET main /events/1": () => ok(makeEvent({ kind: "retreat", sessions: [RETREAT, PAID], requires_approval: approval })),
    "GET main /events/1/questions": () => ok({ items: questions }),
    "GET main /bookings": () => ok(bookingPage([], [])),
    "POST main /bookings/book": book,
  });
}

const open = async (user, sessionId = 11, label = "Book") => {
  await waitFor(() => rowOf(sessionId));
  await clickInRow(user, sessionId, label);
  const dialog = screen.getByRole("dialog");
  await within(dialog).findByLabelText("Diet (required)");
  return dialog;
};

describe("EventBooking: the event's questions", () => {
  it("asks each question with its label and help text and sends the answers by question id", async () => {
    const api = questionsApi(({ body }) => reply(201, makeBooking({ id: 70, session: RETREAT, session_id: body.session_id })));
    const { user } = renderApp(<Page />, { api, as: "user" });
    const dialog = await open(user);
    const diet = within(dialog).getByLabelText("Diet (required)");
    expect(diet).toHaveAccessibleDescription("So the kitchen can plan");
    await user.selectOptions(diet, "Vegan");
    await user.type(within(dialog).getByLabelText("Injuries or conditions"), "  Left knee  ");
    const interests = within(dialog).getByRole("group", { name: "Interests" });
    await user.click(within(interests).getByLabelText("Silence"));
    await user.click(within(interests).getByLabelText("Yoga"));
    await user.click(within(within(dialog).getByRole("group", { name: "First retreat? (required)" })).getByLabelText("No"));
    await user.type(within(dialog).getByLabelText("Date of birth"), "1990-04-01");
    await user.click(within(dialog).getByRole("button", { name: "Confirm booking" }));
    expect(await screen.findByText(/You're booked!/)).toBeInTheDocument();
    const [sent] = api.callsTo("POST main /bookings/book");
    // In the question's order, texts trimmed, the empty one left out.
    expect(sent.body.answers).toEqual({ 1: "Vegan", 2: "Left knee", 3: ["Yoga", "Silence"], 4: false, 5: "1990-04-01" });
  });

  it("keeps the dialog open and names the required questions left empty, sending nothing", async () => {
    const api = questionsApi(() => reply(201, makeBooking({ id: 70, session: RETREAT })));
    const { user } = renderApp(<Page />, { api, as: "user" });
    const dialog = await open(user);
    await user.click(within(dialog).getByRole("button", { name: "Confirm booking" }));
    expect(within(dialog).getByLabelText("Diet (required)")).toHaveAttribute("aria-invalid", "true");
    expect(within(dialog).getByLabelText("Diet (required)")).toHaveAccessibleDescription(/This question needs an answer\./);
    expect(within(dialog).getByText("Choose yes or no.")).toBeInTheDocument();
    expect(api.callsTo("POST main /bookings/book")).toHaveLength(0);
  });

  it("shows the server's objection beside the question it names", async () => {
    const refused = () => apiError(400, "validation_error", "answers.6 Must be at most 500 characters.", { answers: { 6: ["Must be at most 500 characters."] } });
    const api = questionsApi(refused, { questions: QUESTIONS.filter((q) => q.id !== 4) });
    const { user } = renderApp(<Page />, { api, as: "user" });
    const dialog = await open(user);
    await user.selectOptions(within(dialog).getByLabelText("Diet (required)"), "None");
    await user.type(within(dialog).getByLabelText("Emergency contact"), "Mum");
    await user.click(within(dialog).getByRole("button", { name: "Confirm booking" }));
    const contact = within(dialog).getByLabelText("Emergency contact");
    await waitFor(() => expect(contact).toHaveAttribute("aria-invalid", "true"));
    expect(contact).toHaveAccessibleDescription("Must be at most 500 characters.");
    expect(screen.getByRole("dialog")).toBeInTheDocument();
  });
});

describe("EventBooking: an event that requires approval", () => {
  it("says Request to book, offers no payment choice, and says the request was sent", async () => {
    const api = questionsApi(({ body }) => reply(201, makeBooking({ id: 71, session: PAID, session_id: body.session_id, status: "pending_approval" })), { approval: true, questions: [QUESTIONS[0]] });
    const { user } = renderApp(<Page />, { api, as: "user" });
    const dialog = await open(user, 12, "Request to book");
    expect(dialog).toHaveAccessibleName("Request to book?");
    expect(within(dialog).getByText(/approves each booking/)).toHaveTextContent("Once approved, you pay");
    expect(within(dialog).queryByLabelText("Have a code?")).toBeNull();
    await user.selectOptions(within(dialog).getByLabelText("Diet (required)"), "Vegetarian");
    await user.click(within(dialog).getByRole("button", { name: "Send request" }));
    expect(await screen.findByText(/Your request was sent to Dr. Priya Sharma/)).toBeInTheDocument();
    const [sent] = api.callsTo("POST main /bookings/book");
    expect(sent.body).toEqual({ session_id: 12, seats: 1, guests: [], answers: { 1: "Vegetarian" } });
  });
});
