/** Staff notes on a client, newest first, each with its author and time; with clients.write, a new one, and the
 *  reader's own notes changed for 24 hours after writing them (the CRM decides: past that it answers note_locked). */
import { useId, useState } from "react";
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
  const [text, setText] = useState(initial);
  const [fieldError, setFieldError] = useState(null);
  const submit = (event) => {
    event.preventDefault();
    if (!text.trim()) return setFieldError("Write the note first.");
    setFieldError(null);
    if (!mutation.isPending) onSubmit(text.trim(), () => setText(""));
  };
  return (
    <form onSubmit={submit} className="client-note-form">
      <Field id={id} label={label} error={fieldError}>
        {(control) => <textarea {...control} rows={3} maxLength={MAX_LENGTH} value={text} onChange={(event) => setText(event.target.value)} />}
      </Field>
      <ErrorMessage error={bookError(mutation.error)} title="The note was not saved." />
      <p className="actions">
        <button type="submit" className="button primary" aria-disabled={mutation.isPending || undefined}>
          {mutation.isPending ? busyLabel : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button-link" onClick={onCancel}>
            Cancel
          </button>
        )}
      </p>
    </form>
  );
}

function Note({ clientId, note, editable }) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const edit = useEditNote(clientId);
  const by = `${note.author?.name ?? "A former member of staff"}, ${formatDateTime(note.created_at)}`;
  if (editing) {
    return (
      <li className="client-note">
        <NoteForm
          id={`${id}-edit`}
          label="Change the note"
          initial={note.text}
          busyLabel="Saving…"
          submitLabel="Save the note"
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
        {note.edited_at && ` · edited ${formatDateTime(note.edited_at)}`}
        {editable && (
          <>
            {" · "}
            <button type="button" className="button-link" onClick={() => setEditing(true)} aria-label={`Change your note of ${formatDateTime(note.created_at)}`}>
              Change
            </button>
          </>
        )}
      </p>
    </li>
  );
}

/** notes: the profile's, newest first; canWrite: clients.write. */
export function ClientNotes({ clientId, notes, canWrite }) {
  const id = useId();
  const { user } = useAuth();
  const add = useAddNote(clientId);
  return (
    <section aria-labelledby="client-notes">
      <h2 id="client-notes">Notes</h2>
      {canWrite && (
        <NoteForm
          id={`${id}-new`}
          label="New note"
          busyLabel="Adding…"
          submitLabel="Add note"
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
        <p className="muted">No notes yet.</p>
      )}
    </section>
  );
}
