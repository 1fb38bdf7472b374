/** A client's tags: read by everyone who sees the client; with clients.write, removed one by one or added, then
 *  saved together (PUT …/tags: the tags from now on). */
import { useId, useState } from "react";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { Field } from "../../../components/Field.jsx";
import { useSetTags } from "../api.js";
import { bookError } from "../errors.js";
import { cleanTag, TAG_HINT } from "../wording.js";

const MAX_TAGS = 50;

function TagEditor({ clientId, tags, onDone }) {
  const id = useId();
  const [draft, setDraft] = useState(tags);
  const [typed, setTyped] = useState("");
  const [fieldError, setFieldError] = useState(null);
  const save = useSetTags(clientId);

  const add = () => {
    const tag = cleanTag(typed);
    if (tag === null) return setFieldError(TAG_HINT);
    if (draft.length >= MAX_TAGS && !draft.includes(tag)) return setFieldError(`At most ${MAX_TAGS} tags.`);
    setFieldError(null);
    setDraft((current) => (current.includes(tag) ? current : [...current, tag].sort()));
    setTyped("");
  };
  const onKeyDown = (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault(); // Enter adds the tag typed; Save saves them all
    add();
  };
  const submit = (event) => {
    event.preventDefault();
    if (!save.isPending) save.mutate(draft, { onSuccess: onDone });
  };
  return (
    <form className="client-tag-editor" onSubmit={submit} aria-label="Edit tags">
      <ul className="client-tags" aria-label="Tags to save">
        {draft.map((tag) => (
          <li key={tag} className="pill">
            {tag}{" "}
            <button type="button" className="tag-remove" aria-label={`Remove tag ${tag}`} onClick={() => setDraft((current) => current.filter((one) => one !== tag))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <Field id={`${id}-tag`} label="Add a tag" hint="Enter adds it; Save tags keeps them." error={fieldError}>
        {(control) => <input {...control} autoComplete="off" maxLength={64} value={typed} onChange={(event) => setTyped(event.target.value)} onKeyDown={onKeyDown} />}
      </Field>
      <ErrorMessage error={bookError(save.error)} title="The tags were not saved." />
      <p className="actions">
        <button type="button" className="button secondary" onClick={add}>
          Add
        </button>
        <button type="submit" className="button primary" aria-disabled={save.isPending || undefined}>
          {save.isPending ? "Saving…" : "Save tags"}
        </button>
        <button type="button" className="button-link" onClick={() => onDone(null)}>
          Cancel
        </button>
      </p>
    </form>
  );
}

/** tags: the client's; canWrite: clients.write. */
export function ClientTags({ clientId, tags, canWrite }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby="client-tags">
      <h2 id="client-tags">Tags</h2>
      {editing ? (
        <TagEditor
          clientId={clientId}
          tags={tags}
          onDone={(answer) => {
            setEditing(false);
            setSaved(Boolean(answer));
          }}
        />
      ) : (
        <>
          {tags.length ? (
            <ul className="client-tags" aria-label="Tags">
              {tags.map((tag) => (
                <li key={tag} className="pill">
                  {tag}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No tags.</p>
          )}
          <SuccessMessage>{saved && "Tags saved."}</SuccessMessage>
          {canWrite && (
            <button type="button" className="button secondary" onClick={() => {
                setEditing(true);
                setSaved(false);
              }}>
              Edit tags
            </button>
          )}
        </>
      )}
    </section>
  );
}
