/** A client's tags: read by everyone who sees the client; with clients.write, removed one by one or added, then
 *  saved together (PUT …/tags: the tags from now on). */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { Field } from "../../../components/Field.jsx";
import { useSetTags } from "../api.js";
import { bookError } from "../errors.js";
import { cleanTag, tagHint } from "../wording.js";

const MAX_TAGS = 50;

function TagEditor({ clientId, tags, onDone }) {
  const { t } = useTranslation("clients");
  const id = useId();
  const [draft, setDraft] = useState(tags);
  const [typed, setTyped] = useState("");
  const [fieldError, setFieldError] = useState(null);
  const save = useSetTags(clientId);

  const add = () => {
    const tag = cleanTag(typed);
    if (tag === null) return setFieldError(tagHint());
    if (draft.length >= MAX_TAGS && !draft.includes(tag)) return setFieldError(t("tags.tooMany", { max: MAX_TAGS }));
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
    <form className="client-tag-editor" onSubmit={submit} aria-label={t("tags.editLabel")}>
      <ul className="client-tags" aria-label={t("tags.toSave")}>
        {draft.map((tag) => (
          <li key={tag} className="pill">
            {tag}{" "}
            <button type="button" className="tag-remove" aria-label={t("tags.remove", { tag })} onClick={() => setDraft((current) => current.filter((one) => one !== tag))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <Field id={`${id}-tag`} label={t("tags.add")} hint={t("tags.addHint")} error={fieldError}>
        {(control) => <input {...control} autoComplete="off" maxLength={64} value={typed} onChange={(event) => setTyped(event.target.value)} onKeyDown={onKeyDown} />}
      </Field>
      <ErrorMessage error={bookError(save.error)} title={t("tags.notSaved")} />
      <p className="actions">
        <button type="button" className="button secondary" onClick={add}>
          {t("tags.addButton")}
        </button>
        <button type="submit" className="button primary" aria-disabled={save.isPending || undefined}>
          {save.isPending ? t("tags.saving") : t("tags.save")}
        </button>
        <button type="button" className="button-link" onClick={() => onDone(null)}>
          {t("tags.cancel")}
        </button>
      </p>
    </form>
  );
}

/** tags: the client's; canWrite: clients.write. */
export function ClientTags({ clientId, tags, canWrite }) {
  const { t } = useTranslation("clients");
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby="client-tags">
      <h2 id="client-tags">{t("tags.heading")}</h2>
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
            <ul className="client-tags" aria-label={t("tags.list")}>
              {tags.map((tag) => (
                <li key={tag} className="pill">
                  {tag}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("tags.none")}</p>
          )}
          <SuccessMessage>{saved && t("tags.saved")}</SuccessMessage>
          {canWrite && (
            <button type="button" className="button secondary" onClick={() => {
                setEditing(true);
                setSaved(false);
              }}>
              {t("tags.edit")}
            </button>
          )}
        </>
      )}
    </section>
  );
}
