/** The audit log's filters: who acted (anyone in the log), what kind of action (a known kind or any code), and from/to dates
 *  on the studio's clock. Applied together, as the page's address. */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { KINDS } from "../entries.js";

/** filters: {person, kind, since, until} as applied; people: who acted in the log [{id, name}], former members too
 *  (one chosen but no longer listed stays offered); onApply(filters). */
export function AuditFilters({ filters, people, onApply }) {
  const { t } = useTranslation("audit");
  const [draft, setDraft] = useState(filters);
  const id = useId();
  const change = (event) => setDraft((current) => ({ ...current, [event.target.name]: event.target.value }));
  const submit = (event) => {
    event.preventDefault();
    onApply(draft);
  };
  const clear = () => {
    const none = { person: "", kind: "", since: "", until: "" };
    setDraft(none);
    onApply(none);
  };
  return (
    <form className="audit-filters" onSubmit={submit} aria-label={t("filters.label")}>
      <div className="field">
        <label htmlFor={`${id}-person`}>{t("filters.person")}</label>
        <select id={`${id}-person`} name="person" value={draft.person} onChange={change}>
          <option value="">{t("filters.anyone")}</option>
          {people.map((person) => (
            <option key={person.id} value={String(person.id)}>
              {person.name}
            </option>
          ))}
          {draft.person && !people.some((person) => String(person.id) === draft.person) && <option value={draft.person}>{t("filters.personChosen")}</option>}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t("filters.kind")}</label>
        <input id={`${id}-kind`} name="kind" list={`${id}-kinds`} value={draft.kind} onChange={change} placeholder={t("filters.anyKind")} autoComplete="off" maxLength={60} />
        <datalist id={`${id}-kinds`}>
          {Object.entries(KINDS).map(([code, key]) => (
            <option key={code} value={code}>
              {t(key)}
            </option>
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor={`${id}-since`}>{t("filters.since")}</label>
        <input id={`${id}-since`} name="since" type="date" value={draft.since} onChange={change} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-until`}>{t("filters.until")}</label>
        <input id={`${id}-until`} name="until" type="date" value={draft.until} onChange={change} />
      </div>
      <div className="actions">
        <button type="submit" className="button primary">
          {t("filters.apply")}
        </button>
        <button type="button" className="button secondary" onClick={clear}>
          {t("filters.clear")}
        </button>
      </div>
    </form>
  );
}
