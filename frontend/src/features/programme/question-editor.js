/** The staff's question editor: the rows it edits, their checks, and the PUT body. */
import { t } from "../../lib/i18n.js";

/** The kinds of question, with their names' keys. */
export const KINDS = [
  ["text", "programme:questions.kind.text"],
  ["long_text", "programme:questions.kind.longText"],
  ["choice", "programme:questions.kind.choice"],
  ["multi_choice", "programme:questions.kind.multiChoice"],
  ["yes_no", "programme:questions.kind.yesNo"],
  ["date", "programme:questions.kind.date"],
];
const CHOICE_KINDS = ["choice", "multi_choice"];
export const hasChoices = (kind) => CHOICE_KINDS.includes(kind);

let nextKey = 1;

/** An editable row: a saved question's values (its id kept), or an empty new one; choices as one per line. */
export function questionRow(question = {}) {
  return {
    key: nextKey++,
    id: question.id,
    label: question.label ?? "",
    kind: question.kind ?? "text",
    help_text: question.help_text ?? "",
    required: Boolean(question.required),
    sensitive: Boolean(question.sensitive),
    choices: (question.choices ?? []).join("\n"),
  };
}

const choicesOf = (row) =>
  row.choices
    .split("\n")
    .map((choice) => choice.trim())
    .filter(Boolean);

/** {"<index>.<field>": message} for what the server would refuse (empty: all is well). */
export function checkQuestions(rows) {
  const errors = {};
  rows.forEach((row, index) => {
    if (!row.label.trim()) errors[`${index}.label`] = t("programme:questions.labelMissing");
    if (hasChoices(row.kind)) {
      const choices = choicesOf(row);
      if (choices.length < 2 || new Set(choices).size !== choices.length) errors[`${index}.choices`] = t("programme:questions.choicesMissing");
    }
  });
  return errors;
}

/** The PUT body's questions, in order. */
export function questionsBody(rows) {
  return rows.map((row) => ({
    ...(row.id != null ? { id: row.id } : {}),
    kind: row.kind,
    label: row.label.trim(),
    help_text: row.help_text.trim(),
    required: row.required,
    sensitive: row.sensitive,
    ...(hasChoices(row.kind) ? { choices: choicesOf(row) } : {}),
  }));
}

/** The server's 400 (details.questions {"<index>": {field: [message]}}) as {"<index>.<field>": message}, or null. */
export function questionRefusal(error) {
  const given = error?.code === "validation_error" ? error.details?.questions : null;
  if (!given || typeof given !== "object" || Array.isArray(given)) return null;
  const errors = {};
  for (const [index, fields] of Object.entries(given)) {
    for (const [field, messages] of Object.entries(fields ?? {})) errors[`${index}.${field}`] = Array.isArray(messages) ? messages.join(" ") : String(messages);
  }
  return errors;
}
