/** One automation's editor: its name, its trigger (with days for the kinds that take them) and its steps, saved
 *  together (POST for a new one, made off; PATCH for one there is). While it is on, its trigger and steps are shown
 *  read-only, a line each: only its name is sent, and the server answers 409 automation_active to anything more. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { SuccessMessage } from "../../../components/Feedback.jsx";
import { Field, InputField } from "../../../components/Field.jsx";
import { FormAlert } from "../../../components/FormAlert.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { useForm } from "../../../lib/use-form.js";
import { useChangeAutomation, useMakeAutomation } from "../api.js";
import { bodyOf, draftOf, draftProblems, errorPlace, withTriggerKind } from "../draft.js";
import { TRIGGER_DAYS, TRIGGER_KINDS } from "../words.js";
import { PlanSummary } from "./PlanSummary.jsx";
import { StepsEditor } from "./StepsEditor.jsx";

const NAME_LIMIT = 100;

function TriggerFields({ editor }) {
  const { t } = useTranslation("automations");
  const { values, errors } = editor;
  const days = TRIGGER_DAYS[values.kind];
  const setKind = (event) => {
    editor.setValues(withTriggerKind(values, event.target.value));
    editor.setErrors((current) => ({ ...current, "trigger.kind": undefined, "trigger.days": undefined }));
  };
  return (
    <fieldset className="automation-trigger">
      <legend>{t("trigger.title")}</legend>
      <Field id="automation-trigger-kind" label={t("trigger.kindLabel")} error={errors["trigger.kind"]}>
        {(control) => (
          <select {...control} value={values.kind} onChange={setKind}>
            {Object.entries(TRIGGER_KINDS).map(([kind, words]) => (
              <option key={kind} value={kind}>
                {t(words)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {days && (
        <InputField
          id="automation-trigger-days"
          label={t(days.label)}
          hint={t("trigger.days.range", { min: days.min, max: days.max })}
          type="number"
          inputMode="numeric"
          min={days.min}
          max={days.max}
          step={1}
          value={values.days}
          error={errors["trigger.days"]}
          onChange={(event) => {
            editor.setValues((current) => ({ ...current, days: event.target.value }));
            editor.setErrors((current) => ({ ...current, "trigger.days": undefined }));
          }}
        />
      )}
    </fieldset>
  );
}

/** automation: the one to change, or null for a new one; onSaved(automation) once the server kept it (a change is
 *  said beside Save); onConflict(error)
 *  when it was switched on meanwhile (409 automation_active). */
export function AutomationEditor({ automation, onSaved, onConflict }) {
  const { t } = useTranslation("automations");
  const make = useMakeAutomation();
  const change = useChangeAutomation();
  const locked = Boolean(automation?.active);
  // "Saved" beside the button, until the next save.
  const [saved, setSaved] = useState(false);
  const editor = useForm({
    initialValues: draftOf(automation),
    validate: (values) => draftProblems(values, { locked }),
    onSubmit: async (values) => {
      setSaved(false);
      const body = bodyOf(values, { locked });
      const answer = automation ? await change.mutateAsync({ id: automation.id, ...body }) : await make.mutateAsync(body);
      setSaved(Boolean(automation));
      onSaved(answer);
    },
    onError: (error) => {
      if (error.status === 400) return editor.showBadRequest(error, (path) => errorPlace(path, editor.values));
      if (error.status === 409 && error.code === "automation_active" && automation) {
        change.refresh(automation.id);
        return onConflict(error);
      }
      editor.setFormError(error);
    },
  });
  const { values, errors, formRef } = editor;
  const setSteps = (steps, { moved = false, field } = {}) => {
    editor.setValues((current) => ({ ...current, steps }));
    // Errors name steps by number: a step moved, added or removed leaves them pointing at others.
    editor.setErrors((current) =>
      moved ? Object.fromEntries(Object.entries(current).filter(([path]) => !path.startsWith("steps"))) : { ...current, [field]: undefined },
    );
  };
  const headingId = automation ? `automation-editor-${automation.id}` : "automation-editor-new";
  return (
    <form ref={formRef} className="card automation-editor" onSubmit={editor.handleSubmit} noValidate aria-labelledby={headingId}>
      <h2 id={headingId}>{t("editor.title")}</h2>
      <FormAlert error={editor.formError?.message} />
      <InputField id="automation-name" label={t("editor.name")} maxLength={NAME_LIMIT} {...editor.field("name")} />
      {locked && (
        <p id="automation-locked" className="alert automation-note">
          {t("editor.locked")}
        </p>
      )}
      {locked ? (
        <PlanSummary trigger={automation.trigger} steps={automation.steps ?? []} />
      ) : (
        <fieldset className="automation-plan">
          <legend className="visually-hidden">{t("editor.plan")}</legend>
          <TriggerFields editor={editor} />
          <StepsEditor steps={values.steps} errors={errors} onChange={setSteps} />
        </fieldset>
      )}
      <div className="actions">
        <SubmitButton busy={editor.busy} busyLabel={t("editor.saving")}>
          {automation ? t("editor.save") : t("editor.create")}
        </SubmitButton>
      </div>
      {saved && <SuccessMessage>{t("editor.saved")}</SuccessMessage>}
    </form>
  );
}
