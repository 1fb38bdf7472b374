import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { formatDateTime } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { MailboxPage } from "./MailboxPage.jsx";
import { noMailbox } from "../wording.js";

const LIST = "GET main /dev/mailbox";
const TEXTS = "GET main /dev/texts";
const FOLDER = "/srv/app/instance/mail";
const minutesAgo = (minutes) => new Date(Date.now() - minutes * 60_000).toISOString();

const REMINDER = {
  id: "20301121-0240-reminder",
  subject: "Reminder: Morning Vinyasa Flow tomorrow",
  from: "Sessions & Retreats <bookings@localhost>",
  to: "asha@example.com",
  date: minutesAgo(5),
  size: 18_432,
};
const CONFIRMED = { id: "20301121-0200-confirmed", subject: "Booked: Morning Vinyasa Flow", from: REMINDER.from, to: "ravi@example.com", date: minutesAgo(180), size: 20_480 };

const FULL_REMINDER = {
  ...REMINDER,
  text: "Hello Asha,\n\nYour session starts tomorrow at 07:00 IST.",
  html: "<html><body><h1 style=\"color: #2f6f5e\">See you tomorrow</h1><script>alert(1)</script></body></html>",
  headers: {
    From: REMINDER.from,
    To: REMINDER.to,
    Subject: REMINDER.subject,
    "List-Unsubscribe": "<http://main.test/auth/reminders/unsubscribe?token=abc>",
  },
  attachments: [{ filename: "booking-50.ics", content_type: "text/calendar", size: 1536 }],
};
const FULL_CONFIRMED = { ...CONFIRMED, text: "You're booked.", html: null, headers: {}, attachments: [] };

function mailboxApi(more = {}) {
  return fakeApi({
    [LIST]: () => ok({ folder: FOLDER, messages: [REMINDER, CONFIRMED] }),
    [`GET main /dev/mailbox/${REMINDER.id}`]: () => ok(FULL_REMINDER),
    [`GET main /dev/mailbox/${CONFIRMED.id}`]: () => ok(FULL_CONFIRMED),
    [TEXTS]: () => ok({ folder: "/srv/app/instance/sms", texts: [] }),
    "GET main /dev/whatsapp": () => ok({ business_number_id: null, conversations: [] }),
    ...more,
  });
}

function renderMailbox({ api = mailboxApi(), route = paths.mailbox } = {}) {
  return renderApp(<MailboxPage />, { route, path: paths.mailbox, api });
}

const list = () => screen.getByRole("navigation", { name: "Messages" });

describe("MailboxPage", () => {
  it("shows the texts below the emails, each with its number, time and words", async () => {
    const text = { id: "abc", to: "+919812345678", body: "Reminder: Morning Flow starts Mon 4 Jan 2027, 07:00 IST. http://localhost:5173/bookings", sent_at: "2027-01-04T00:00:00+00:00" };
    renderMailbox({ api: mailboxApi({ [TEXTS]: () => ok({ folder: "/srv/app/instance/sms", texts: [text] }) }) });
    const texts = await screen.findByRole("region", { name: "Texts" });
    const [item] = await within(texts).findAllByRole("listitem");
    expect(item).toHaveTextContent("To +919812345678");
    expect(item).toHaveTextContent(text.body);
    expect(item.querySelector("time")).toHaveAttribute("datetime", text.sent_at);
  });

  it("replies STOP from a text's number as Twilio would pass it on, and says what came back, once", async () => {
    const text = { id: "abc", to: "+919812345678", body: "Reminder: Morning Flow starts Mon 4 Jan 2027, 07:00 IST.", sent_at: "2027-01-04T00:00:00+00:00" };
    const answers = ["You will get no more texts from Sessions & Retreats. Reply START to get them again.", null];
    const api = mailboxApi({
      [TEXTS]: () => ok({ folder: "/srv/app/instance/sms", texts: [text] }),
      "POST main /dev/texts/reply": () => ok({ answer: answers.shift() }),
    });
    const { user } = renderMailbox({ api });
    const texts = await screen.findByRole("region", { name: "Texts" });
    await user.click(await within(texts).findByRole("button", { name: "Reply STOP from +919812345678" }));
    expect(await within(texts).findByText(/Texted back: “You will get no more texts/)).toBeInTheDocument();
    await user.click(within(texts).getByRole("button", { name: "Reply STOP from +919812345678" }));
    expect(await within(texts).findByText(/replied STOP\. Nothing changed/)).toBeInTheDocument();
    expect(api.callsTo("POST main /dev/texts/reply").map((call) => call.body)).toEqual([
      { from: "+919812345678", body: "STOP" },
      { from: "+919812345678", body: "STOP" },
    ]);
    expect(api.callsTo(TEXTS).length).toBeGreaterThan(1); // read again after each reply
  });

  it("says when no text has been written yet", async () => {
    renderMailbox();
    expect(await within(await screen.findByRole("region", { name: "Texts" })).findByText("No texts yet.")).toBeInTheDocument();
  });

  it("lists the messages newest first with subject, recipient and how long ago, without signing in", async () => {
    const { api } = renderMailbox();
    expect(screen.getByRole("heading", { level: 1, name: "Mailbox" })).toBeInTheDocument();
    expect(document.title).toBe("Mailbox · Sessions & Retreats");
    const links = await within(await screen.findByRole("navigation", { name: "Messages" })).findAllByRole("link");
    expect(links.map((link) => link.querySelector(".mail-subject").textContent)).toEqual([REMINDER.subject, CONFIRMED.subject]);
    expect(links[0]).toHaveTextContent("To asha@example.com");
    expect(links[0].querySelector("time")).toHaveTextContent("5 minutes ago");
    expect(links[0].querySelector("time")).toHaveAttribute("title", formatDateTime(REMINDER.date, { label: true }));
    expect(links[1].querySelector("time")).toHaveTextContent("3 hours ago");
    expect(links[0]).toHaveAttribute("href", `/mailbox?message=${REMINDER.id}`);
    expect(screen.getByText(FOLDER)).toBeInTheDocument();
    expect(screen.getByText("Choose a message to read it.")).toBeInTheDocument();
    expect(api.callsTo(LIST)[0].headers.Authorization).toBeUndefined();
  });

  it("opens a message: headers, its HTML in a sandboxed frame without scripts, the plain text and the attachments", async () => {
    const { user } = renderMailbox();
    await user.click(await within(await screen.findByRole("navigation", { name: "Messages" })).findByRole("link", { name: /^Reminder: Morning Vinyasa Flow/ }));

    const message = await screen.findByRole("article", { name: REMINDER.subject });
    expect(screen.getByTestId("location")).toHaveTextContent(`/mailbox?message=${REMINDER.id}`);
    expect(within(list()).getByRole("link", { current: true })).toHaveTextContent(REMINDER.subject);
    const header = (name) => within(message).getByText(name, { selector: "dt" }).nextElementSibling;
    expect(header("From")).toHaveTextContent("Sessions & Retreats <bookings@localhost>");
    expect(header("To")).toHaveTextContent("asha@example.com");
    expect(header("Date")).toHaveTextContent(formatDateTime(REMINDER.date, { label: true }));
    expect(header("Subject")).toHaveTextContent(REMINDER.subject);
    expect(header("List-Unsubscribe")).toHaveTextContent("<http://main.test/auth/reminders/unsubscribe?token=abc>");

    const frame = within(message).getByTitle(`HTML of “${REMINDER.subject}”`);
    expect(frame.tagName).toBe("IFRAME");
    expect(frame).toHaveAttribute("sandbox", "");
    // The API serves the HTML under its own policy; the frame only loads it.
    expect(frame).toHaveAttribute("src", `http://main.test/dev/mailbox/${FULL_REMINDER.id}/body.html`);
    expect(frame).not.toHaveAttribute("srcdoc");
    expect(within(message).getByRole("button", { name: "HTML" })).toHaveAttribute("aria-pressed", "true");

    await user.click(within(message).getByRole("button", { name: "Plain text" }));
    expect(within(message).getByRole("button", { name: "Plain text" })).toHaveAttribute("aria-pressed", "true");
    expect(message.querySelector("iframe")).toBeNull();
    expect(message.querySelector("pre")).toHaveTextContent("Hello Asha, Your session starts tomorrow at 07:00 IST.");

    const attachments = within(message).getByRole("region", { name: "Attachments" });
    expect(attachments).toHaveTextContent("booking-50.ics text/calendar, 1.5 KB");
  });

  it("shows a message without HTML as plain text, without List-Unsubscribe or attachments", async () => {
    renderMailbox({ route: `${paths.mailbox}?message=${CONFIRMED.id}` });
    const message = await screen.findByRole("article", { name: CONFIRMED.subject });
    expect(within(message).getByRole("button", { name: "HTML" })).toBeDisabled();
    expect(within(message).getByText("This message has no HTML part.")).toBeInTheDocument();
    expect(message.querySelector("pre")).toHaveTextContent("You're booked.");
    expect(within(message).queryByText("List-Unsubscribe")).not.toBeInTheDocument();
    expect(within(message).getByRole("region", { name: "Attachments" })).toHaveTextContent("None.");
  });

  it("reads the list and the open message again on Refresh", async () => {
    const { user, api } = renderMailbox({ route: `${paths.mailbox}?message=${REMINDER.id}` });
    await screen.findByRole("article", { name: REMINDER.subject });
    const newer = { ...REMINDER, id: "20301121-0300-changed", subject: "Changed: Morning Vinyasa Flow", date: minutesAgo(1) };
    api.on({ [LIST]: () => ok({ folder: FOLDER, messages: [newer, REMINDER, CONFIRMED] }) });
    await user.click(screen.getByRole("button", { name: "Refresh" }));
    expect(await within(list()).findByRole("link", { name: /^Changed: Morning Vinyasa Flow/ })).toBeInTheDocument();
    await waitFor(() => expect(api.callsTo(`GET main /dev/mailbox/${REMINDER.id}`)).toHaveLength(2));
  });

  it("says the mailbox exists only in development when the API doesn't have one", async () => {
    renderMailbox({ api: fakeApi({ [LIST]: () => apiError(404, "not_found", "The requested URL was not found on the server.") }) });
    expect(await screen.findByText(noMailbox())).toBeInTheDocument();
    expect(screen.queryByRole("navigation", { name: "Messages" })).not.toBeInTheDocument();
  });

  it("says when there are no emails yet", async () => {
    renderMailbox({ api: fakeApi({ [LIST]: () => ok({ folder: FOLDER, messages: [] }) }) });
    expect(await screen.findByText("No emails yet.")).toBeInTheDocument();
  });

  it("says a message that is gone is gone", async () => {
    renderMailbox({ api: mailboxApi({ [`GET main /dev/mailbox/${REMINDER.id}`]: () => apiError(404, "not_found", "No such message.") }), route: `${paths.mailbox}?message=${REMINDER.id}` });
    expect(await screen.findByRole("alert")).toHaveTextContent("The message could not be opened. This message is no longer in the mailbox.");
  });
});
