/** An automation's steps in their order: each with its own fields, moved up or down and removed; a step of a chosen
 *  kind is added at the end. Adding one puts the focus on its first field, removing one on the next step's (or on
 *  the kind to add), moving one keeps it on the button pressed. */
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { newStep } from "../draft.js";
import { STEP_KINDS, stepKindName } from "../words.js";
import { StepFields } from "./StepFields.jsx";

export const MOST_STEPS = 20;

function StepRow({ step, index, count, errors, onField, onMove, onRemove }) {
  const { t } = useTranslation("automations");
  const number = index + 1;
  const error = errors[`steps.${index}`];
  const field = (name) => ({
    id: `${step.key}-${name}`,
    name,
    error: errors[`steps.${index}.${name}`],
    onChange: (event) => onField(index, name, event.target.value),
  });
  return (
    <li className="automation-step" data-step={step.key}>
      <fieldset aria-describedby={error ? `${step.key}-error` : undefined}>
        <legend>{t("steps.legend", { number, kind: stepKindName(step.kind) })}</legend>
        {error && (
          <p id={`${step.key}-error`} className="field-error">
            {error}
          </p>
        )}
        <StepFields step={step} field={field} />
        <div className="actions">
          <button type="button" className="button secondary small" data-move="up" disabled={index === 0} onClick={() => onMove(index, -1, "up")} aria-label={t("steps.moveUpNamed", { number })}>
            {t("steps.moveUp")}
          </button>
          <button type="button" className="button secondary small" data-move="down" disabled={index === count - 1} onClick={() => onMove(index, 1, "down")} aria-label={t("steps.moveDownNamed", { number })}>
            {t("steps.moveDown")}
          </button>
          <button type="button" className="button secondary small" onClick={() => onRemove(index)} aria-label={t("steps.removeNamed", { number })}>
            {t("steps.remove")}
          </button>
        </div>
      </fieldset>
    </li>
  );
}

/** steps: the draft's; errors: the form's, by path ("steps.2.text"); onChange(steps, {moved}) (moved: the order
 *  changed, so the errors named by number no longer fit). */
export function StepsEditor({ steps, errors, onChange }) {
  const { t } = useTranslation("automations");
  const [kind, setKind] = useState("email");
  const listRef = useRef(null);
  const addRef = useRef(null);
  // Where the focus goes once the change is on screen: {key, selector}, or {add: true}.
  const focusOn = useRef(null);
  useEffect(() => {
    const target = focusOn.current;
    if (!target) return;
    focusOn.current = null;
    const row = target.key && listRef.current?.querySelector(`[data-step="${target.key}"]`);
    const wanted = row && (row.querySelector(`${target.selector}:not(:disabled)`) ?? row.querySelector("[data-move]:not(:disabled)"));
    (wanted || addRef.current)?.focus();
  });

  const onField = (index, name, value) => onChange(steps.map((step, at) => (at === index ? { ...step, [name]: value } : step)), { field: `steps.${index}.${name}` });
  const onMove = (index, by, direction) => {
    const moved = [...steps];
    [moved[index], moved[index + by]] = [moved[index + by], moved[index]];
    focusOn.current = { key: steps[index].key, selector: `[data-move="${direction}"]` };
    onChange(moved, { moved: true });
  };
  const onRemove = (index) => {
    const next = steps[index + 1];
    focusOn.current = next ? { key: next.key, selector: "input, select, textarea" } : { add: true };
    onChange(steps.filter((_, at) => at !== index), { moved: true });
  };
  const add = () => {
    const step = newStep(kind);
    focusOn.current = { key: step.key, selector: "input, select, textarea" };
    onChange([...steps, step], { moved: true });
  };
  return (
    <fieldset className="automation-steps" aria-describedby={errors.steps ? "automation-steps-note automation-steps-error" : "automation-steps-note"}>
      <legend>{t("steps.title")}</legend>
      <p id="automation-steps-note" className="field-hint">
        {t("steps.note")}
      </p>
      {errors.steps && (
        <p id="automation-steps-error" className="field-error">
          {errors.steps}
        </p>
      )}
      {steps.length === 0 && <p className="muted">{t("steps.none")}</p>}
      <ol ref={listRef} className="automation-step-list">
        {steps.map((step, index) => (
          <StepRow key={step.key} step={step} index={index} count={steps.length} errors={errors} onField={onField} onMove={onMove} onRemove={onRemove} />
        ))}
      </ol>
      {steps.length < MOST_STEPS && (
        <div className="automation-add-step">
          <div className="field">
            <label htmlFor="automation-step-kind">{t("steps.kindToAdd")}</label>
            <select ref={addRef} id="automation-step-kind" value={kind} onChange={(event) => setKind(event.target.value)}>
              {Object.keys(STEP_KINDS).map((value) => (
                <option key={value} value={value}>
                  {stepKindName(value)}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="button secondary" onClick={add}>
            {t("steps.add")}
          </button>
        </div>
      )}
    </fieldset>
  );
}
