/** An event's intake questions in the booking dialog, one labelled control per kind (a line or a paragraph of text,
 *  one choice, several, yes or no, a date), each with its help text and its error wired for screen readers. */
import { useTranslation } from "react-i18next";

function Control({ question, id, value, onChange, describedBy, invalid }) {
  const { t } = useTranslation("bookings");
  const wiring = { "aria-describedby": describedBy, "aria-invalid": invalid ? "true" : undefined };
  if (question.kind === "long_text") return <textarea id={id} value={value} maxLength={5000} required={question.required} onChange={(event) => onChange(event.target.value)} {...wiring} />;
  if (question.kind === "text") return <input id={id} type="text" value={value} maxLength={500} required={question.required} onChange={(event) => onChange(event.target.value)} {...wiring} />;
  if (question.kind === "date") return <input id={id} type="date" value={value} min="1900-01-01" max="2100-12-31" required={question.required} onChange={(event) => onChange(event.target.value)} {...wiring} />;
  if (question.kind === "choice") {
    return (
      <select id={id} value={value} required={question.required} onChange={(event) => onChange(event.target.value)} {...wiring}>
        <option value="">{t("questions.choose")}</option>
        {question.choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
    );
  }
  return null;
}

/** A question answered with a group of boxes (several choices, yes or no): a fieldset whose legend is the label. */
function Group({ question, id, value, onChange, describedBy, invalid, label }) {
  const { t } = useTranslation("bookings");
  const options = question.kind === "yes_no" ? [[t("questions.yes"), true], [t("questions.no"), false]] : question.choices.map((choice) => [choice, choice]);
  const several = question.kind === "multi_choice";
  const toggle = (option, checked) => onChange(checked ? question.choices.filter((choice) => choice === option || value.includes(choice)) : value.filter((choice) => choice !== option));
  return (
    <fieldset className="question-group" aria-describedby={describedBy} aria-invalid={invalid ? "true" : undefined}>
      <legend>{label}</legend>
      {options.map(([text, option], index) => (
        <label key={text} className="check">
          <input
            type={several ? "checkbox" : "radio"}
            name={id}
            id={`${id}-${index}`}
            checked={several ? value.includes(option) : value === option}
            onChange={(event) => (several ? toggle(option, event.target.checked) : onChange(option))}
          />{" "}
          {text}
        </label>
      ))}
    </fieldset>
  );
}

/** questions: the event's; answers: {id: value}; errors: {id: message}; onChange(id, value). */
export function QuestionFields({ idPrefix, questions, answers, errors = {}, onChange }) {
  const { t } = useTranslation("bookings");
  if (!questions?.length) return null;
  return (
    <div className="booking-questions">
      {questions.map((question) => {
        const id = `${idPrefix}-question-${question.id}`;
        const error = errors[question.id];
        const describedBy = [question.help_text && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
        const label = question.required ? t("questions.required", { label: question.label }) : question.label;
        const props = { question, id, value: answers[question.id], onChange: (value) => onChange(question.id, value), describedBy, invalid: Boolean(error) };
        const grouped = question.kind === "multi_choice" || question.kind === "yes_no";
        return (
          <div key={question.id} className="field">
            {grouped ? (
              <Group {...props} label={label} />
            ) : (
              <>
                <label htmlFor={id}>{label}</label>
                <Control {...props} />
              </>
            )}
            {question.help_text && (
              <p id={`${id}-hint`} className="field-hint">
                {question.help_text}
              </p>
            )}
            {error && (
              <p id={`${id}-error`} className="field-error">
                {error}
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}
