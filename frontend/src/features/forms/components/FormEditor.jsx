/** A form's draft: its kind, title, words, questions and whether it is needed before a first booking. Saves a new
 *  form (POST) or the draft of one (PATCH); published versions never change. */
import { useTranslation } from "react-i18next";
import { Field, InputField } from "../../../components/Field.jsx";
import { FormAlert } from "../../../components/FormAlert.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { useForm } from "../../../lib/use-form.js";
import { useCreateForm, useEditForm } from "../api.js";
import { FORM_KINDS, kindName } from "../wording.js";
import { QuestionsEditor } from "./QuestionsEditor.jsx";

const FIELDS = ["kind", "title", "body", "questions", "required_before_first_booking"];
const BLANK = { kind: "waiver", title: "", body: "", questions: [], required_before_first_booking: false };

/** The draft as the editor holds it (questions without their ids: the server numbers them). */
const draftOf = (form) =>
  form
    ? {
        kind: form.kind,
        title: form.title,
        body: form.body,
        questions: form.questions.map(({ label, kind, required }) => ({ label, kind, required })),
        required_before_first_booking: form.required_before_first_booking,
      }
    : BLANK;

/** Server errors of one question ("questions.2.label") beside it; the rest by field. */
const fieldOf = (path) => (path.startsWith("questions.") ? `question.${path.split(".")[1]}` : FIELDS.includes(path) && path);

function check(values, t) {
  const found = {};
  if (!values.title.trim()) found.title = t("editor.titleNeeded");
  if (!values.body.trim()) found.body = t("editor.bodyNeeded");
  values.questions.forEach((question, index) => {
    if (!question.label.trim()) found[`question.${index}`] = t("editor.labelNeeded");
  });
  return found;
}

/** The draft's fields in the editor's form (useForm's): kind, title, words, questions and the first-booking rule. */
function DraftFields({ editor }) {
  const { t } = useTranslation("forms");
  const { values, errors } = editor;
  const questionErrors = Object.fromEntries(values.questions.map((_, index) => [index, errors[`question.${index}`]]));
  return (
    <>
      <Field id="form-kind" label={t("editor.kind")} error={errors.kind}>
        {(control) => (
          <select {...control} name="kind" value={values.kind} onChange={editor.handleChange}>
            {FORM_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kindName(kind)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <InputField id="form-title" label={t("editor.title")} maxLength={200} {...editor.field("title")} />
      <Field id="form-body" label={t("editor.body")} hint={t("editor.bodyHint")} error={errors.body}>
        {(control) => <textarea {...control} name="body" rows={10} maxLength={20000} value={values.body} onChange={editor.handleChange} />}
      </Field>
      <QuestionsEditor questions={values.questions} errors={questionErrors} onChange={(questions) => editor.setValue("questions", questions)} />
      {errors.questions && <p className="field-error">{errors.questions}</p>}
      <div className="check-field">
        <input
          id="form-required-first"
          type="checkbox"
          checked={values.required_before_first_booking}
          onChange={(event) => editor.setValue("required_before_first_booking", event.target.checked)}
        />
        <label htmlFor="form-required-first">{t("editor.requiredFirst")}</label>
      </div>
    </>
  );
}

/** form: the one to edit, or null for a new one; onSaved(form) after the server kept it; onCancel(). */
export function FormEditor({ form, onSaved, onCancel }) {
  const { t } = useTranslation("forms");
  const create = useCreateForm();
  const edit = useEditForm();
  const editor = useForm({
    initialValues: draftOf(form),
    validate: (values) => check(values, t),
    onSubmit: async (values) => {
      const draft = { ...values, title: values.title.trim(), questions: values.questions.map((one) => ({ ...one, label: one.label.trim() })) };
      onSaved(form ? await edit.mutateAsync({ formId: form.id, ...draft }) : await create.mutateAsync(draft));
    },
    onError: (error) => (error.status === 400 ? editor.showBadRequest(error, fieldOf) : editor.setFormError(error)),
  });
  const { formRef } = editor;
  // Opened from a button that is gone now: the keyboard goes on from the editor's heading.
  const headingRef = useFocusOnAppear(true);
  const headingId = form ? `edit-form-${form.id}` : "new-form-heading";
  return (
    <form ref={formRef} onSubmit={editor.handleSubmit} noValidate className="card form-editor" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>{form ? t("editor.editTitle", { title: form.title }) : t("editor.newTitle")}</h2>
      <FormAlert error={editor.formError?.message} />
      <DraftFields editor={editor} />
      <div className="actions">
        <SubmitButton busy={editor.busy} busyLabel={t("editor.saving")}>
          {form ? t("editor.saveDraft") : t("editor.create")}
        </SubmitButton>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t("editor.cancel")}
        </button>
      </div>
    </form>
  );
}
