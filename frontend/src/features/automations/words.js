/** The automations' triggers and steps in the words of the page (their keys), the trigger kinds that take days and
 *  their bounds, and the entries' states. A kind the API adds later reads as its code. */
import { t } from "../../lib/i18n.js";

/** Each trigger kind's name in the editor's select, in the API's order. */
export const TRIGGER_KINDS = {
  first_visit: "automations:trigger.kind.firstVisit",
  booking_made: "automations:trigger.kind.bookingMade",
  booking_cancelled: "automations:trigger.kind.bookingCancelled",
  no_visit: "automations:trigger.kind.noVisit",
  intro_offer_bought: "automations:trigger.kind.introOfferBought",
  intro_offer_ending: "automations:trigger.kind.introOfferEnding",
  pass_running_low: "automations:trigger.kind.passRunningLow",
  membership_ending: "automations:trigger.kind.membershipEnding",
  renewal_failed: "automations:trigger.kind.renewalFailed",
  birthday: "automations:trigger.kind.birthday",
  form_signed: "automations:trigger.kind.formSigned",
};

/** The kinds that take days: their bounds, the days a new one starts with, and the days field's label and words. */
export const TRIGGER_DAYS = {
  no_visit: { min: 1, max: 365, start: 30, label: "automations:trigger.days.without", when: "automations:trigger.when.noVisit" },
  intro_offer_ending: { min: 0, max: 60, start: 3, label: "automations:trigger.days.before", when: "automations:trigger.when.introOfferEnding" },
  membership_ending: { min: 0, max: 60, start: 7, label: "automations:trigger.days.before", when: "automations:trigger.when.membershipEnding" },
  birthday: { min: 0, max: 30, start: 0, label: "automations:trigger.days.beforeBirthday", when: "automations:trigger.when.birthday" },
};

/** A trigger in words: "When: 30 days without a visit". */
export function triggerWords(trigger) {
  const days = TRIGGER_DAYS[trigger?.kind];
  if (days) return t(days.when, { days: trigger.days ?? days.start });
  return TRIGGER_KINDS[trigger?.kind] ? t(TRIGGER_KINDS[trigger.kind]) : String(trigger?.kind ?? "");
}

/** Each step kind's name, in the order the editor offers them, with the fields it has (the API's names). */
export const STEP_KINDS = {
  wait: { name: "automations:step.kind.wait", fields: ["days", "hours", "minutes"] },
  condition: { name: "automations:step.kind.condition", fields: ["test", "tag", "segment_id"] },
  email: { name: "automations:step.kind.email", fields: ["subject", "text"] },
  whatsapp: { name: "automations:step.kind.whatsapp", fields: ["text"] },
  sms: { name: "automations:step.kind.sms", fields: ["text"] },
  add_tag: { name: "automations:step.kind.addTag", fields: ["tag"] },
  remove_tag: { name: "automations:step.kind.removeTag", fields: ["tag"] },
  make_code: { name: "automations:step.kind.makeCode", fields: ["percent_off", "valid_days"] },
  staff_task: { name: "automations:step.kind.staffTask", fields: ["text"] },
};

export const stepKindName = (kind) => (STEP_KINDS[kind] ? t(STEP_KINDS[kind].name) : kind);

/** The steps that message a person: only with marketing consent, outside quiet hours. */
export const MESSAGE_STEPS = ["email", "whatsapp", "sms"];

/** The longest text each kind's text takes. */
export const TEXT_LIMITS = { email: 5000, whatsapp: 120, sms: 300, staff_task: 500 };
export const SUBJECT_LIMIT = 120;
export const TAG_LIMIT = 50;

/** A condition's tests, their words. */
export const CONDITION_TESTS = {
  marketing_consent: "automations:step.test.marketingConsent",
  has_tag: "automations:step.test.hasTag",
  lacks_tag: "automations:step.test.lacksTag",
  not_booked_since: "automations:step.test.notBookedSince",
  in_segment: "automations:step.test.inSegment",
};
export const TAG_TESTS = ["has_tag", "lacks_tag"];

/** The entries' states, their words (the filter's too). */
export const ENTRY_STATES = {
  waiting: "automations:entries.state.waiting",
  finished: "automations:entries.state.finished",
  left: "automations:entries.state.left",
};

/** Why a person left: the check they did not pass (its test), or their account was deleted. */
const LEFT_BECAUSE = {
  marketing_consent: "automations:entries.because.marketingConsent",
  has_tag: "automations:entries.because.hasTag",
  lacks_tag: "automations:entries.because.lacksTag",
  not_booked_since: "automations:entries.because.notBookedSince",
  in_segment: "automations:entries.because.inSegment",
  account_gone: "automations:entries.because.accountGone",
};

export const leftBecauseWords = (because) => (LEFT_BECAUSE[because] ? t(LEFT_BECAUSE[because]) : because);

export const entryStateName = (state) => (ENTRY_STATES[state] ? t(ENTRY_STATES[state]) : state);
