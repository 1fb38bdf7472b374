/** An automation as the editor holds it (a draft: numbers as typed, each step with a key of its own) and as the API
 *  takes it; the editor's own checks, with the server's paths ("trigger.days", "steps.2.text") as the errors' names. */
import { t } from "../../lib/i18n.js";
import { MESSAGE_STEPS, STEP_KINDS, TAG_TESTS, TRIGGER_DAYS } from "./words.js";

let lastKey = 0;
const nextKey = () => `step-${(lastKey += 1)}`;
const typed = (value) => (value === null || value === undefined ? "" : String(value));

/** A step as the editor holds it; a kind the editor does not know is kept as it came, and sent back so. */
export function stepDraft(step) {
  const key = nextKey();
  const { kind } = step;
  if (!STEP_KINDS[kind]) return { key, kind, raw: step };
  if (kind === "condition") return { key, kind, test: step.test ?? "marketing_consent", tag: step.tag ?? "", segment_id: typed(step.segment_id) };
  return { key, kind, ...Object.fromEntries(STEP_KINDS[kind].fields.map((field) => [field, typed(step[field])])) };
}

/** A new step of a kind, as the editor adds it. */
export function newStep(kind) {
  const starts = { wait: { days: 1 }, condition: { test: "marketing_consent" }, make_code: { percent_off: 10, valid_days: 14 } };
  return stepDraft({ kind, ...starts[kind] });
}

/** The automation (null: a new one) as the editor's values. */
export function draftOf(automation) {
  if (!automation) return { name: "", kind: "first_visit", days: "", steps: [] };
  const { kind, days } = automation.trigger ?? {};
  return { name: automation.name ?? "", kind: kind ?? "first_visit", days: typed(days), steps: (automation.steps ?? []).map(stepDraft) };
}

/** A new kind of trigger keeps the days typed when it takes days too, else starts at its own. */
export function withTriggerKind(values, kind) {
  const days = TRIGGER_DAYS[kind] ? (TRIGGER_DAYS[values.kind] ? values.days : String(TRIGGER_DAYS[kind].start)) : "";
  return { ...values, kind, days };
}

const number = (value) => Number(String(value).trim());
const given = (value) => String(value ?? "").trim() !== "";

export function triggerBody({ kind, days }) {
  return { kind, days: TRIGGER_DAYS[kind] ? number(days) : null };
}

export function stepBody(step) {
  if (step.raw) return step.raw;
  const { kind } = step;
  if (kind === "wait") return { kind, ...Object.fromEntries(["days", "hours", "minutes"].filter((unit) => given(step[unit])).map((unit) => [unit, number(step[unit])])) };
  if (kind === "condition") {
    const body = { kind, test: step.test };
    if (TAG_TESTS.includes(step.test)) body.tag = step.tag.trim();
    if (step.test === "in_segment") body.segment_id = number(step.segment_id);
    return body;
  }
  if (kind === "make_code") return { kind, percent_off: number(step.percent_off), valid_days: number(step.valid_days) };
  return { kind, ...Object.fromEntries(STEP_KINDS[kind].fields.map((field) => [field, step[field].trim()])) };
}

/** What PATCH or POST sends: the name, and the trigger and steps unless the automation is on (they are locked). */
export function bodyOf(values, { locked = false } = {}) {
  const body = { name: values.name.trim() };
  if (!locked) Object.assign(body, { trigger: triggerBody(values), steps: values.steps.map(stepBody) });
  return body;
}

/** A whole number from min to max, else the words saying so. */
function outOfRange(value, min, max) {
  const text = String(value ?? "").trim();
  if (/^\d+$/.test(text) && number(text) >= min && number(text) <= max) return null;
  return t("automations:errors.range", { min, max });
}

const MINUTES = { days: 24 * 60, hours: 60, minutes: 1 };
const MOST_MINUTES = 365 * 24 * 60;

function waitProblem(step) {
  const units = ["days", "hours", "minutes"].filter((unit) => given(step[unit]));
  for (const unit of units) if (!/^\d+$/.test(step[unit].trim())) return [unit, t("automations:errors.wholeNumber")];
  const total = units.reduce((sum, unit) => sum + number(step[unit]) * MINUTES[unit], 0);
  return total >= 1 && total <= MOST_MINUTES ? null : [units[0] ?? "days", t("automations:errors.waitRange")];
}

/** One step's problems: {"steps.N.field": words}. */
function stepProblems(step, index) {
  const at = (field) => `steps.${index}.${field}`;
  const found = {};
  const need = (field, words) => !given(step[field]) && (found[at(field)] = words);
  if (step.raw) return found;
  if (step.kind === "wait") {
    const problem = waitProblem(step);
    if (problem) found[at(problem[0])] = problem[1];
  }
  if (step.kind === "condition" && TAG_TESTS.includes(step.test)) need("tag", t("automations:errors.tagNeeded"));
  if (step.kind === "condition" && step.test === "in_segment") {
    const wrong = outOfRange(step.segment_id, 1, Number.MAX_SAFE_INTEGER) && t("automations:errors.segmentNeeded");
    if (wrong) found[at("segment_id")] = wrong;
  }
  if (step.kind === "email") need("subject", t("automations:errors.subjectNeeded"));
  if ([...MESSAGE_STEPS, "staff_task"].includes(step.kind)) need("text", t("automations:errors.textNeeded"));
  if (step.kind === "add_tag" || step.kind === "remove_tag") need("tag", t("automations:errors.tagNeeded"));
  if (step.kind === "make_code") {
    const percent = outOfRange(step.percent_off, 1, 100);
    const days = outOfRange(step.valid_days, 1, 365);
    if (percent) found[at("percent_off")] = percent;
    if (days) found[at("valid_days")] = days;
  }
  return found;
}

/** {code} in a message before any step makes one: {"steps.N.field": words}. */
function codesTooEarly(steps) {
  const found = {};
  let made = false;
  steps.forEach((step, index) => {
    made = made || step.kind === "make_code";
    for (const field of ["subject", "text"]) {
      if (!made && typeof step[field] === "string" && step[field].includes("{code}")) found[`steps.${index}.${field}`] = t("automations:errors.codeTooEarly", { code: "{code}" });
    }
  });
  return found;
}

/** The editor's checks before sending: {path: words} ({} when it may go). Locked: only the name is sent. */
export function draftProblems(values, { locked = false } = {}) {
  const found = {};
  if (!values.name.trim()) found.name = t("automations:errors.nameNeeded");
  if (locked) return found;
  const days = TRIGGER_DAYS[values.kind];
  const wrongDays = days && outOfRange(values.days, days.min, days.max);
  if (wrongDays) found["trigger.days"] = wrongDays;
  if (!values.steps.length) found.steps = t("automations:errors.stepsNeeded");
  Object.assign(found, codesTooEarly(values.steps));
  values.steps.forEach((step, index) => Object.assign(found, stepProblems(step, index)));
  return found;
}

/** Where a server error shows (see lib/field-errors' splitFieldErrors): beside the field it names, a step's field
 *  the step does not have beside the step, the rest above the form (false). */
export function errorPlace(path, values) {
  if (path === "name" || path === "steps" || path === "trigger.days") return path;
  if (path === "trigger" || path === "trigger.kind") return "trigger.kind";
  const match = /^steps\.(\d+)(?:\.(\w+))?/.exec(path);
  const step = match && values.steps[Number(match[1])];
  if (!step) return false;
  const fields = STEP_KINDS[step.kind]?.fields ?? [];
  return match[2] && fields.includes(match[2]) ? `steps.${match[1]}.${match[2]}` : `steps.${match[1]}`;
}
