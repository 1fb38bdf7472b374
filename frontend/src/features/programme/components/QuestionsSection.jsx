/** An event's intake questions, edited as a list and saved as a whole: label, kind, choices (one per line), required,
 *  help text, sensitive (health: deleted after the retention period). A question left out is retired, its answers
 *  kept. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { Field } from "../../../components/Field.jsx";
import { checkQuestions, hasChoices, KINDS, questionRefusal, questionRow, questionsBody } from "../question-editor.js";
import { useQuestionList, useSetQuestions } from "../questions-api.js";
import { SaveNotice } from "./SaveNotice.jsx";

function QuestionRow({ row, index, errors, onChange, onRemove, disabled }) {
  const { t } = useTranslation("programme");
  const id = `question-${row.key}`;
  const set = (field) => (event) => onChange({ ...row, [field]: event.target.type === "checkbox" ? event.target.checked : event.target.value });
  return (
    <li className="card question-row">
      <fieldset className="plain-fieldset" disabled={disabled}>
        <legend>{t("questions.legend", { number: index + 1 })}</legend>
        <Field id={`${id}-label`} label={t("questions.label")} error={errors[`${index}.label`]}>
          {(control) => <input {...control} type="text" value={row.label} onChange={set("label")} maxLength={300} />}
        </Field>
        <Field id={`${id}-kind`} label={t("questions.kind.label")} error={errors[`${index}.kind`]}>
          {(control) => (
            <select {...control} value={row.kind} onChange={set("kind")}>
              {KINDS.map(([kind, name]) => (
                <option key={kind} value={kind}>
                  {t(name)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {hasChoices(row.kind) && (
          <Field id={`${id}-choices`} label={t("questions.choices")} error={errors[`${index}.choices`]}>
            {(control) => <textarea {...control} value={row.choices} onChange={set("choices")} />}
          </Field>
        )}
        <Field id={`${id}-help`} label={t("questions.helpText")} error={errors[`${index}.help_text`]}>
          {(control) => <input {...control} type="text" value={row.help_text} onChange={set("help_text")} maxLength={500} />}
        </Field>
        <label className="check">
          <input type="checkbox" checked={row.required} onChange={set("required")} /> {t("questions.required")}
        </label>
        <label className="check">
          <input type="checkbox" checked={row.sensitive} onChange={set("sensitive")} /> {t("questions.sensitive")}
        </label>
        <div className="actions">
          <button type="button" className="button secondary small" onClick={onRemove}>
            {t("questions.remove", { number: index + 1 })}
          </button>
        </div>
      </fieldset>
    </li>
  );
}

function Editor({ eventId, saved, disabled }) {
  const { t } = useTranslation("programme");
  const setQuestions = useSetQuestions(eventId);
  const [rows, setRows] = useState(() => saved.map(questionRow));
  const [errors, setErrors] = useState({});
  const [notice, setNotice] = useState(null);
  const [failure, setFailure] = useState(null);

  const change = (next) => {
    setRows(next);
    setNotice(null);
  };
  const save = () => {
    const found = checkQuestions(rows);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    setQuestions.mutate(questionsBody(rows), {
      onSuccess: (list) => {
        setRows(list.map(questionRow));
        setNotice({ text: t("questions.saved"), saved: true });
      },
      onError: (error) => {
        const fields = questionRefusal(error);
        if (fields) setErrors(fields);
        setFailure(error);
      },
    });
  };

  return (
    <>
      <ErrorMessage error={failure} title={t("questions.notSaved")} />
      <SaveNotice notice={notice} />
      {rows.length === 0 && <p className="muted">{t("questions.none")}</p>}
      <ol className="question-list">
        {rows.map((row, index) => (
          <QuestionRow
            key={row.key}
            row={row}
            index={index}
            errors={errors}
            disabled={disabled}
            onChange={(next) => change(rows.map((item) => (item.key === row.key ? next : item)))}
            onRemove={() => change(rows.filter((item) => item.key !== row.key))}
          />
        ))}
      </ol>
      {!disabled && (
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => change([...rows, questionRow()])}>
            {t("questions.add")}
          </button>
          <button type="button" className="button primary" onClick={save} aria-disabled={setQuestions.isPending ? "true" : undefined}>
            {setQuestions.isPending ? t("shared.saving") : t("questions.save")}
          </button>
        </div>
      )}
    </>
  );
}

export function QuestionsSection({ event }) {
  const { t } = useTranslation("programme");
  const list = useQuestionList(event.id);
  let body;
  if (list.isPending) body = <Loading label={t("questions.loading")} />;
  else if (list.isError) body = <ErrorMessage error={list.error} title={t("questions.loadFailed")} onRetry={() => list.refetch()} />;
  else body = <Editor eventId={event.id} saved={list.data} disabled={event.status === "cancelled"} />;
  return (
    <section aria-labelledby="event-questions-heading" className="session-section">
      <h2 id="event-questions-heading">{t("questions.heading")}</h2>
      <p className="muted">{t("questions.intro")}</p>
      {body}
    </section>
  );
}
