import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { setLanguage } from "../../../lib/i18n.js";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { FeedbackPage } from "./FeedbackPage.jsx";

const LINK_NOT_VALID = "This feedback link is not valid or has expired: feedback links work for a week after the session.";
const NOT_ATTENDED = "This link is for the people who came to the session, and you're not marked as having come. If you were there, tell the facilitator: they can correct it.";

const TOKEN = "eyJiIjo0Mn0.signature";
const READ = "GET main /feedback";
const ANSWER = "POST main /feedback";
const answerOf = (overrides = {}) => ({ booking_id: 42, title: "Morning Vinyasa Flow", starts_at: "2031-03-24T01:30:00+00:00", rating: null, comment: null, ...overrides });

/** The server's side: it keeps the answer as POST /feedback does (a comment left out is kept). */
function server(start = answerOf()) {
  let kept = start;
  return fakeApi({
    [READ]: () => ok(kept),
    [ANSWER]: ({ body }) => {
      kept = { ...kept, rating: body.rating, comment: body.comment === undefined ? kept.comment : body.comment };
      return ok(kept);
    },
  });
}

function renderFeedback({ query = `?token=${TOKEN}`, api = server() } = {}) {
  return renderApp(<FeedbackPage />, { route: `${paths.feedback}${query}`, path: paths.feedback, api });
}

describe("FeedbackPage", () => {
  it("records the email's star by POST at once, without asking the server first, and thanks the person", async () => {
    const { api } = renderFeedback({ query: `?token=${TOKEN}&rating=4` });
    expect(await screen.findByText("Thank you! You rated it 4 stars.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "Morning Vinyasa Flow" })).toBeInTheDocument();
    expect(api.callsTo(READ)).toHaveLength(0);
    const calls = api.callsTo(ANSWER);
    expect(calls).toHaveLength(1);
    expect(calls[0].body).toEqual({ token: TOKEN, rating: 4 });
    expect(calls[0].headers.Authorization).toBeUndefined();
    expect(screen.getByRole("radio", { name: "4 stars" })).toBeChecked();
  });

  it("changes the rating and sends a comment", async () => {
    const { user, api } = renderFeedback({ query: `?token=${TOKEN}&rating=5` });
    await screen.findByText("Thank you! You rated it 5 stars.");
    await user.click(screen.getByRole("radio", { name: "3 stars" }));
    expect(await screen.findByText("Thank you! You rated it 3 stars.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Comment (optional)"), "  Lovely, a little fast  ");
    await user.click(screen.getByRole("button", { name: "Send comment" }));
    expect(await screen.findByText("Thank you! Your comment was sent to the facilitator.")).toBeInTheDocument();
    expect(api.callsTo(ANSWER).map((call) => call.body)).toEqual([
      { token: TOKEN, rating: 5 },
      { token: TOKEN, rating: 3 },
      { token: TOKEN, rating: 3, comment: "Lovely, a little fast" },
    ]);
    expect(screen.getByLabelText("Comment (optional)")).toHaveValue("Lovely, a little fast");
  });

  it("without a rating shows the session and the stars, and records nothing until one is chosen", async () => {
    const { user, api } = renderFeedback();
    expect(await screen.findByRole("heading", { level: 2, name: "Morning Vinyasa Flow" })).toBeInTheDocument();
    const group = screen.getByRole("group", { name: "How was it?" });
    expect(within(group).getAllByRole("radio").map((radio) => radio.checked)).toEqual([false, false, false, false, false]);
    expect(api.callsTo(ANSWER)).toHaveLength(0);
    expect(api.callsTo(READ)[0].query).toEqual({ token: TOKEN });

    await user.click(screen.getByRole("button", { name: "Send comment" }));
    expect(screen.getByText("Choose a rating first.")).toBeInTheDocument();
    await user.click(within(group).getByRole("radio", { name: "1 star" }));
    expect(await screen.findByText("Thank you! You rated it 1 star.")).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "1 star" })).toBeChecked();
  });

  it("shows an earlier answer to change", async () => {
    renderFeedback({ api: server(answerOf({ rating: 2, comment: "Too cold in the room" })) });
    expect(await screen.findByRole("radio", { name: "2 stars" })).toBeChecked();
    expect(screen.getByRole("group", { name: "Your rating (choose another to change it)" })).toBeInTheDocument();
    expect(screen.getByLabelText("Comment (optional)")).toHaveValue("Too cold in the room");
  });

  it("says clearly when the link is not valid or has expired", async () => {
    const api = fakeApi({ [ANSWER]: () => apiError(400, "invalid_token", "This feedback link's token has expired.", { token: ["expired"] }) });
    renderFeedback({ query: `?token=${TOKEN}&rating=5`, api });
    expect(await screen.findByRole("alert")).toHaveTextContent(LINK_NOT_VALID);
    expect(screen.queryByRole("radio")).not.toBeInTheDocument();
  });

  it("says the link is for people who came", async () => {
    const api = fakeApi({ [READ]: () => apiError(409, "not_attended", "Feedback is for the people who came.") });
    renderFeedback({ api });
    expect(await screen.findByRole("alert")).toHaveTextContent(NOT_ATTENDED);
    expect(screen.getByRole("link", { name: "See what's on" })).toHaveAttribute("href", paths.events);
  });

  it("asks nothing of the server for a link without a token", () => {
    const api = fakeApi();
    renderFeedback({ query: "?rating=5", api });
    expect(screen.getByRole("alert")).toHaveTextContent(LINK_NOT_VALID);
    expect(api.calls).toHaveLength(0);
  });

  it("shows a comment the server refused beside the box", async () => {
    const api = server(answerOf({ rating: 4 }));
    api.on({ [ANSWER]: () => apiError(400, "validation_error", "Invalid input.", { comment: ["Longer than maximum length 2000."] }) });
    const { user } = renderFeedback({ api });
    await user.type(await screen.findByLabelText("Comment (optional)"), "Hi");
    await user.click(screen.getByRole("button", { name: "Send comment" }));
    expect(await screen.findByText("Longer than maximum length 2000.")).toBeInTheDocument();
    expect(screen.getByLabelText("Comment (optional)")).toHaveAttribute("aria-invalid", "true");
  });

  it("reads in Hindi", async () => {
    await setLanguage("hi");
    renderFeedback({ query: `?token=${TOKEN}&rating=4` });
    expect(await screen.findByText("धन्यवाद! आपने इसे 4 स्टार दिए।")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "आपका सेशन कैसा रहा?" })).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "4 स्टार" })).toBeChecked();
    expect(screen.getByRole("button", { name: "टिप्पणी भेजें" })).toBeInTheDocument();
  });
});
