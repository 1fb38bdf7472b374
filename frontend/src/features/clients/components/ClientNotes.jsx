/** Staff notes on a client, newest first, each with its author and time; with clients.write, a new one, and the
 *  reader's own notes changed for 24 hours after writing them (the CRM decides: past that it answers note_locked). */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { Field } from "../../../components/Field.jsx";
import { useAuth } from "../../../lib/auth.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { useAddNote, useEditNote } from "../api.js";
import { bookError } from "../errors.js";
import { mayEditNote } from "../wording.js";

const MAX_LENGTH = 5000;

/** A note's text in a textarea and its submit: used to add one and to change one. */
function NoteForm({ id, label, initial = "", busyLabel, submitLabel, mutation, onSubmit, onCancel }) {
  const { t } = useTranslation("clients");
  const [text, setText] = useState(initial);
  const [fieldError, setFieldError] = useState(null);
  const submit = (event) => {
    event.preventDefault();
    if (!text.trim()) return setFieldError(t("notes.empty"));
    setFieldError(null);
    if (!mutation.isPending) onSubmit(text.trim(), () => setText(""));
  };
  return (
    <form onSubmit={submit} className="client-note-form">
      <Field id={id} label={label} error={fieldError}>
        {(control) => <textarea {...control} rows={3} maxLength={MAX_LENGTH} value={text} onChange={(event) => setText(event.target.value)} />}
      </Field>
      <ErrorMessage error={bookError(mutation.error)} title={t("notes.notSaved")} />
      <p className="actions">
        <button type="submit" className="button primary" aria-disabled={mutation.isPending || undefined}>
          {mutation.isPending ? busyLabel : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button-link" onClick={onCancel}>
            {t("notes.cancel")}
          </button>
        )}
      </p>
    </form>
  );
}

function Note({ clientId, note, editable }) {
  const { t } = useTranslation("clients");
  const id = useId();
  const [editing, setEditing] = useState(false);
  const edit = useEditNote(clientId);
  const by = t("notes.by", { author: note.author?.name ?? t("notes.formerStaff"), when: formatDateTime(note.created_at) });
  if (editing) {
    return (
      <li className="client-note">
        <NoteForm
          id={`${id}-edit`}
          label={t("notes.changeField")}
          initial={note.text}
          busyLabel={t("notes.saving")}
          submitLabel={t("notes.saveChange")}
          mutation={edit}
          onSubmit={(text) => edit.mutate({ noteId: note.id, text }, { onSuccess: () => setEditing(false) })}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }
  return (
    <li className="client-note">
      <p className="client-note-text">{note.text}</p>
      <p className="muted small-text">
        {by}
        {note.edited_at && t("notes.edited", { when: formatDateTime(note.edited_at) })}
        {editable && (
          <>
            {" · "}
            <button type="button" className="button-link" onClick={() => setEditing(true)} aria-label={t("notes.changeLabel", { when: formatDateTime(note.created_at) })}>
              {t("notes.change")}
            </button>
          </>
        )}
      </p>
    </li>
  );
}

/** notes: the profile's, newest first; canWrite: clients.write. */
export function ClientNotes({ clientId, notes, canWrite }) {
  const { t } = useTranslation("clients");
  const id = useId();
  const { user } = useAuth();
  const add = useAddNote(clientId);
  return (
    <section aria-labelledby="client-notes">
      <h2 id="client-notes">{t("notes.heading")}</h2>
      {canWrite && (
        <NoteForm
          id={`${id}-new`}
          label={t("notes.new")}
          busyLabel={t("notes.adding")}
          submitLabel={t("notes.add")}
          mutation={add}
          onSubmit={(text, clear) => add.mutate(text, { onSuccess: clear })}
        />
      )}
      {notes.length ? (
        <ul className="client-notes">
          {notes.map((note) => (
            <Note key={note.id} clientId={clientId} note={note} editable={canWrite && mayEditNote(note, user?.id)} />
          ))}
        </ul>
      ) : (
        <p className="muted">{t("notes.none")}</p>
      )}
    </section>
  );
}
