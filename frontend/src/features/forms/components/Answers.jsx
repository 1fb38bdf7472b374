/** A form version's questions to answer: yes or no as two radio buttons in a fieldset, a text answer as a field. */
import { useTranslation } from "react-i18next";
import { Field } from "../../../components/Field.jsx";

function YesNo({ question, value, error, onChange }) {
  const { t } = useTranslation("forms");
  const errorId = `answer-${question.id}-error`;
  const choose = (event) => onChange(question.id, event.target.value === "true");
  return (
    <fieldset className="yes-no" aria-describedby={error ? errorId : undefined}>
      <legend>
        {question.label}
        {question.required && <span className="muted"> {t("sign.required")}</span>}
      </legend>
      {[true, false].map((choice) => (
        <label key={String(choice)}>
          <input
            type="radio"
            name={`answer-${question.id}`}
            value={String(choice)}
            checked={value === choice}
            onChange={choose}
            aria-invalid={error && choice ? "true" : undefined}
          />
          {choice ? t("sign.yes") : t("sign.no")}
        </label>
      ))}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** answers: {question id: true | false | text}; errors: {question id: message}; onChange(id, value). */
export function Answers({ questions, answers, errors, onChange }) {
  const { t } = useTranslation("forms");
  if (!questions.length) return null;
  return (
    <section aria-labelledby="answers-heading" className="form-answers">
      <h2 id="answers-heading">{t("sign.questions")}</h2>
      {questions.map((question) =>
        question.kind === "yes_no" ? (
          <YesNo key={question.id} question={question} value={answers[question.id]} error={errors[question.id]} onChange={onChange} />
        ) : (
          <Field
            key={question.id}
            id={`answer-${question.id}`}
            label={question.required ? t("sign.requiredLabel", { label: question.label }) : question.label}
            error={errors[question.id]}
          >
            {(control) => <textarea {...control} rows={2} maxLength={2000} value={answers[question.id] ?? ""} onChange={(event) => onChange(question.id, event.target.value)} />}
          </Field>
        ),
      )}
    </section>
  );
}

/** {question id: message} for the required questions left unanswered. */
export function missingAnswers(questions, answers, message) {
  const missing = {};
  for (const question of questions) {
    const value = answers[question.id];
    if (question.required && (value === undefined || (typeof value === "string" && !value.trim()))) missing[question.id] = message;
  }
  return missing;
}

/** The answers as the API takes them: an empty text answer left out (the server refuses a blank one). */
export function answersToSend(answers) {
  return Object.fromEntries(Object.entries(answers).filter(([, value]) => typeof value === "boolean" || value.trim()).map(([id, value]) => [id, typeof value === "string" ? value.trim() : value]));
}
