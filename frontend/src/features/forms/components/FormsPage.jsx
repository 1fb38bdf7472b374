/** /facilitator/forms: the current studio's forms and waivers (forms.manage): each with the version people sign now
 *  and whether its draft has changes to publish; writing a new one, editing a draft, publishing it as a version. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { formatDate } from "../../../lib/format.js";
import { useStudio } from "../../../lib/studio.jsx";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { usePublishForm, useStudioForms } from "../api.js";
import { kindName } from "../wording.js";
import { FormEditor } from "./FormEditor.jsx";
import "../forms.css";

/** Whether the draft says something the current version does not (a form never published always does). */
function hasChanges(form) {
  const version = form.current_version;
  if (!version) return true;
  return form.title !== version.title || form.body !== version.body || JSON.stringify(form.questions) !== JSON.stringify(version.questions);
}

/** returnFocus: the editor of this form was just closed, so its "Edit the draft" takes the focus back. */
function FormCard({ form, onEdit, returnFocus }) {
  const { t } = useTranslation("forms");
  const { studio } = useStudio();
  const publish = usePublishForm();
  const [published, setPublished] = useState(null);
  const outcomeRef = useFocusOnAppear(published);
  const editRef = useFocusOnAppear(returnFocus);
  const version = form.current_version;
  const publishNow = () => publish.mutate(form.id, { onSuccess: (answer) => setPublished(answer.current_version.number) });
  return (
    <li className="card form-item">
      <h2 id={`form-${form.id}-title`}>{form.title}</h2>
      <p className="muted">
        {kindName(form.kind)}
        {form.required_before_first_booking && ` · ${t("staff.requiredFirst")}`}
      </p>
      <p>
        {version
          ? t("staff.versionLine", { number: version.number, date: formatDate(version.published_at, { timeZone: studio?.timezone }) })
          : t("staff.neverPublished")}{" "}
        {version && hasChanges(form) && <span className="pill warn">{t("staff.changes")}</span>}
      </p>
      {published !== null && (
        <div ref={outcomeRef} tabIndex={-1} className="outcome">
          <SuccessMessage>{t("staff.published", { number: published })}</SuccessMessage>
        </div>
      )}
      <ErrorMessage error={publish.error} title={t("staff.publishFailed")} />
      <div className="actions">
        <button ref={editRef} type="button" className="button secondary small" onClick={() => onEdit(form.id)} aria-describedby={`form-${form.id}-title`}>
          {t("staff.edit")}
        </button>
        <button
          type="button"
          className="button primary small"
          onClick={publishNow}
          aria-disabled={publish.isPending || undefined}
          aria-describedby={`form-${form.id}-title`}
        >
          {publish.isPending ? t("staff.publishing") : t("staff.publish", { number: (version?.number ?? 0) + 1 })}
        </button>
      </div>
    </li>
  );
}

/** The forms, the one being edited as its editor; loading, failure and none said so. */
function FormList({ forms, editing, closed, onEdit, onClose, onSaved }) {
  const { t } = useTranslation("forms");
  if (forms.isPending) return <Loading label={t("staff.loading")} />;
  if (forms.isError) return <ErrorMessage error={forms.error} title={t("staff.loadFailed")} onRetry={() => forms.refetch()} />;
  if (!forms.data.length && editing !== "new") return <EmptyState title={t("staff.none")}>{t("staff.noneText")}</EmptyState>;
  return (
    <ul className="form-list">
      {forms.data.map((form) =>
        editing === form.id ? (
          <li key={form.id}>
            <FormEditor form={form} onSaved={onSaved} onCancel={() => onClose(form.id)} />
          </li>
        ) : (
          <FormCard key={form.id} form={form} onEdit={onEdit} returnFocus={closed === form.id} />
        ),
      )}
    </ul>
  );
}

export function FormsPage() {
  const { t } = useTranslation("forms");
  usePageTitle(t("staff.title"));
  const forms = useStudioForms();
  // "new", a form's id, or null: the one draft being written.
  const [editing, setEditing] = useState(null);
  const [saved, setSaved] = useState(null);
  const savedRef = useFocusOnAppear(saved);
  // The editor just cancelled ("new" or a form's id): the button that opened it takes the focus back.
  const [closed, setClosed] = useState(null);
  const newRef = useFocusOnAppear(closed === "new");
  const close = (which) => {
    setEditing(null);
    setClosed(which);
  };
  const edit = (which) => {
    setClosed(null);
    setEditing(which);
  };
  const done = (form) => {
    setEditing(null);
    setClosed(null);
    setSaved({ title: form.title, at: Date.now() });
  };
  return (
    <section className="page forms-page">
      <h1>{t("staff.title")}</h1>
      <p className="muted">{t("staff.intro")}</p>
      {saved && (
        <div ref={savedRef} tabIndex={-1} className="outcome">
          <SuccessMessage>{t("staff.saved", { title: saved.title })}</SuccessMessage>
        </div>
      )}
      {editing === "new" ? (
        <FormEditor form={null} onSaved={done} onCancel={() => close("new")} />
      ) : (
        <button ref={newRef} type="button" className="button primary" onClick={() => edit("new")}>
          {t("staff.new")}
        </button>
      )}
      <FormList forms={forms} editing={editing} closed={closed} onEdit={edit} onClose={close} onSaved={done} />
    </section>
  );
}
