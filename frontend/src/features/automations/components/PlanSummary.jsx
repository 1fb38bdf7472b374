/** The trigger and steps of an automation that is on, read-only: one line in words each (they change only once it
 *  is switched off). */
import { useTranslation } from "react-i18next";
import { CONDITION_TESTS, TAG_TESTS, stepKindName, triggerWords } from "../words.js";

const UNITS = { days: "summary.days", hours: "summary.hours", minutes: "summary.minutes" };
const quoted = (t, text) => t("summary.quoted", { text: text ?? "" });

/** What a step does, after its kind's name: "3 days", "“We miss you”", "20% off, usable for 14 days". */
function stepDetail(t, step) {
  switch (step.kind) {
    case "wait": {
      const parts = [["days", step.days], ["hours", step.hours], ["minutes", step.minutes]].filter(([, count]) => Number(count) > 0);
      return (parts.length ? parts : [["minutes", 0]]).map(([unit, count]) => t(UNITS[unit], { count: Number(count) })).join(", ");
    }
    case "condition": {
      const test = CONDITION_TESTS[step.test] ? t(CONDITION_TESTS[step.test]) : String(step.test ?? "");
      if (TAG_TESTS.includes(step.test)) return `${test} ${quoted(t, step.tag)}`;
      if (step.test === "in_segment") return t("summary.segment", { test, id: step.segment_id });
      return test;
    }
    case "email":
      return quoted(t, step.subject);
    case "whatsapp":
    case "sms":
    case "staff_task":
      return quoted(t, step.text);
    case "add_tag":
    case "remove_tag":
      return quoted(t, step.tag);
    case "make_code":
      return t("summary.code", { percent: step.percent_off, days: Number(step.valid_days) });
    default:
      return "";
  }
}

/** trigger and steps: the API's. */
export function PlanSummary({ trigger, steps }) {
  const { t } = useTranslation("automations");
  return (
    <div className="automation-plan-summary">
      <h3>{t("trigger.title")}</h3>
      <p>{t("list.when", { trigger: triggerWords(trigger) })}</p>
      <h3>{t("steps.title")}</h3>
      <p className="field-hint">{t("steps.note")}</p>
      <ol className="automation-step-summary">
        {steps.map((step, index) => {
          const detail = stepDetail(t, step);
          const kind = stepKindName(step.kind);
          return <li key={step.key ?? index}>{detail ? t("summary.line", { kind, detail }) : kind}</li>;
        })}
      </ol>
    </div>
  );
}
