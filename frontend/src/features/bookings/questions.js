/** An event's intake questions in the booking dialog: the answers as the form keeps them, what is missing before
 *  sending, the request's `answers` ({question id: answer}), and the server's 400 per question. */

import { t } from "../../lib/i18n.js";

/** The form's answers before anything is typed: "" for text, choice and date, [] for several choices, null for
 *  yes or no. */
export function emptyAnswers(questions = []) {
  return Object.fromEntries(questions.map((question) => [question.id, question.kind === "multi_choice" ? [] : question.kind === "yes_no" ? null : ""]));
}

const isBlank = (value) => value === null || value === undefined || (typeof value === "string" && !value.trim()) || (Array.isArray(value) && value.length === 0);

/** {question id: message} for each required question left blank (empty when all is well). */
export function missingAnswers(questions = [], answers = {}) {
  const missing = {};
  for (const question of questions) {
    if (question.required && isBlank(answers[question.id])) missing[question.id] = question.kind === "yes_no" ? t("bookings:questions.chooseYesNo") : t("bookings:questions.needsAnswer");
  }
  return missing;
}

/** The request's answers: {"<id>": answer} for those given (texts trimmed); blank ones left out. */
export function answersRequest(questions = [], answers = {}) {
  const sent = {};
  for (const question of questions) {
    const value = answers[question.id];
    if (isBlank(value)) continue;
    sent[String(question.id)] = typeof value === "string" ? value.trim() : value;
  }
  return sent;
}

/** The server's refusal of the answers (400 with details.answers {"<id>": [message]}) as {question id: message}, or
 *  null for any other error. */
export function answerRefusal(error) {
  const given = error?.code === "validation_error" ? error.details?.answers : null;
  if (!given || typeof given !== "object" || Array.isArray(given)) return null;
  return Object.fromEntries(Object.entries(given).map(([id, messages]) => [id, Array.isArray(messages) ? messages.join(" ") : String(messages)]));
}
