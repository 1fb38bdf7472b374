/** One step's own fields, by its kind: a wait's days, hours and minutes; a condition's test (with its tag or segment);
 *  a message's words; a tag; a code's discount and life; a staff task. Each error shows beside its field. */
import { useTranslation } from "react-i18next";
import { Field, InputField } from "../../../components/Field.jsx";
import { CONDITION_TESTS, SUBJECT_LIMIT, TAG_LIMIT, TAG_TESTS, TEXT_LIMITS } from "../words.js";

/** A number typed as text (a phone's number pad), so what was typed stays until it is checked. */
function NumberField({ id, label, hint, error, value, onChange, min, max }) {
  return <InputField id={id} label={label} hint={hint} error={error} inputMode="numeric" type="number" min={min} max={max} step={1} value={value} onChange={onChange} />;
}

function WaitFields({ step, field }) {
  const { t } = useTranslation("automations");
  return (
    <div className="automation-wait">
      <NumberField {...field("days")} label={t("step.days")} min={0} max={365} value={step.days} />
      <NumberField {...field("hours")} label={t("step.hours")} min={0} max={24 * 365} value={step.hours} />
      <NumberField {...field("minutes")} label={t("step.minutes")} min={0} value={step.minutes} />
    </div>
  );
}

function ConditionFields({ step, field }) {
  const { t } = useTranslation("automations");
  const test = field("test");
  return (
    <>
      <Field id={test.id} label={t("step.testLabel")} hint={t("step.testHint")} error={test.error}>
        {(control) => (
          <select {...control} value={step.test} onChange={test.onChange}>
            {Object.entries(CONDITION_TESTS).map(([value, words]) => (
              <option key={value} value={value}>
                {t(words)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {TAG_TESTS.includes(step.test) && <InputField {...field("tag")} label={t("step.tag")} maxLength={TAG_LIMIT} value={step.tag} />}
      {step.test === "in_segment" && <NumberField {...field("segment_id")} label={t("step.segment")} hint={t("step.segmentHint")} min={1} value={step.segment_id} />}
    </>
  );
}

/** A message's or task's words, with how many characters are left. */
function TextField({ step, field, label, hint }) {
  const { t } = useTranslation("automations");
  const text = field("text");
  const limit = TEXT_LIMITS[step.kind];
  const left = t("step.charactersLeft", { count: limit - step.text.length });
  const words = hint ? `${hint} ${left}` : left;
  return (
    <Field id={text.id} label={label} hint={words} error={text.error}>
      {(control) =>
        // WhatsApp takes one line (its template refuses line breaks): a line to type it in.
        step.kind === "whatsapp" ? (
          <input {...control} maxLength={limit} value={step.text} onChange={text.onChange} />
        ) : (
          <textarea {...control} rows={step.kind === "email" ? 8 : 3} maxLength={limit} value={step.text} onChange={text.onChange} />
        )
      }
    </Field>
  );
}

const PLACEHOLDERS = { first: "{first_name}", studio: "{studio}", code: "{code}" };

/** step: the draft's step; field(name) → {id, error, onChange} for one of its fields. */
export function StepFields({ step, field }) {
  const { t } = useTranslation("automations");
  switch (step.kind) {
    case "wait":
      return <WaitFields step={step} field={field} />;
    case "condition":
      return <ConditionFields step={step} field={field} />;
    case "email":
      return (
        <>
          <InputField {...field("subject")} label={t("step.subject")} maxLength={SUBJECT_LIMIT} value={step.subject} />
          <TextField step={step} field={field} label={t("step.emailText")} hint={t("step.placeholders", PLACEHOLDERS)} />
        </>
      );
    case "whatsapp":
      return <TextField step={step} field={field} label={t("step.whatsappText")} hint={t("step.whatsappHint")} />;
    case "sms":
      return <TextField step={step} field={field} label={t("step.smsText")} />;
    case "add_tag":
    case "remove_tag":
      return <InputField {...field("tag")} label={t("step.tag")} maxLength={TAG_LIMIT} value={step.tag} />;
    case "make_code":
      return (
        <div className="automation-wait">
          <NumberField {...field("percent_off")} label={t("step.percentOff")} min={1} max={100} value={step.percent_off} />
          <NumberField {...field("valid_days")} label={t("step.validDays")} hint={t("step.codeHint", PLACEHOLDERS)} min={1} max={365} value={step.valid_days} />
        </div>
      );
    case "staff_task":
      return <TextField step={step} field={field} label={t("step.taskText")} hint={t("step.taskHint")} />;
    default:
      return <p className="muted">{t("step.unknown")}</p>;
  }
}
