/** A draft's questions: each a label, yes/no or a text answer, and whether it must be answered; adding one puts the
 *  focus on its label, removing one puts it on the next (or on "Add"). */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

export const MOST_QUESTIONS = 40;

function QuestionRow({ question, index, onChange, onRemove, labelRef, error }) {
  const { t } = useTranslation("forms");
  const id = `question-${index}`;
  const set = (field) => (event) => onChange(index, { ...question, [field]: field === "required" ? event.target.checked : event.target.value });
  return (
    <li className="question-row">
      <div className="field">
        <label htmlFor={`${id}-label`}>{t("editor.questionLabel", { number: index + 1 })}</label>
        <input
          ref={labelRef}
          id={`${id}-label`}
          value={question.label}
          maxLength={300}
          onChange={set("label")}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error && (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t("editor.answerKind")}</label>
        <select id={`${id}-kind`} value={question.kind} onChange={set("kind")}>
          <option value="yes_no">{t("editor.yesNo")}</option>
          <option value="text">{t("editor.text")}</option>
        </select>
      </div>
      <div className="check-field">
        <input id={`${id}-required`} type="checkbox" checked={question.required} onChange={set("required")} />
        <label htmlFor={`${id}-required`}>{t("editor.mustAnswer")}</label>
      </div>
      <button type="button" className="button-link" onClick={() => onRemove(index)} aria-label={t("editor.removeNamed", { number: index + 1 })}>
        {t("editor.remove")}
      </button>
    </li>
  );
}

/** questions: [{label, kind, required}]; errors: {index: message}; onChange(questions). */
export function QuestionsEditor({ questions, errors, onChange }) {
  const { t } = useTranslation("forms");
  const labels = useRef([]);
  const addRef = useRef(null);
  // The row whose label takes the focus once the change is on screen (-1: "Add a question").
  const focusOn = useRef(null);
  useEffect(() => {
    if (focusOn.current === null) return;
    (labels.current[focusOn.current] ?? addRef.current)?.focus();
    focusOn.current = null;
  });

  const change = (index, question) => onChange(questions.map((one, at) => (at === index ? question : one)));
  const remove = (index) => {
    onChange(questions.filter((_, at) => at !== index));
    focusOn.current = index < questions.length - 1 ? index : -1;
  };
  const add = () => {
    onChange([...questions, { label: "", kind: "yes_no", required: true }]);
    focusOn.current = questions.length;
  };
  return (
    <fieldset className="questions-editor">
      <legend>{t("editor.questions")}</legend>
      {questions.length === 0 && <p className="muted">{t("editor.noQuestions")}</p>}
      <ol className="question-rows">
        {questions.map((question, index) => (
          <QuestionRow
            key={index}
            index={index}
            question={question}
            error={errors[index]}
            onChange={change}
            onRemove={remove}
            labelRef={(node) => {
              labels.current[index] = node;
            }}
          />
        ))}
      </ol>
      {questions.length < MOST_QUESTIONS && (
        <button ref={addRef} type="button" className="button secondary small" onClick={add}>
          {t("editor.addQuestion")}
        </button>
      )}
    </fieldset>
  );
}
