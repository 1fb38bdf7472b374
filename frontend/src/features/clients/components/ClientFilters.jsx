/** The client list's filters: a search (name, email or phone) and a tag, each applied once typing pauses (or at once
 *  with Enter). The saved segments' picker (SegmentPicker) goes in `children`: it applies {segment} itself. */
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "../../../components/Field.jsx";
import { cleanTag, tagHint } from "../wording.js";

export const WAIT_MS = 300; // typing pauses this long before the list is asked again

/** filters: {q, tag, segment} as applied (the page's address); onApply(filters) applies new ones. */
export function ClientFilters({ filters, onApply, children }) {
  const { t } = useTranslation("clients");
  const id = useId();
  const [typed, setTyped] = useState({ q: filters.q, tag: filters.tag });
  const [tagError, setTagError] = useState(null);
  const timer = useRef(null);
  useEffect(() => () => clearTimeout(timer.current), []);
  // Filters changed from elsewhere (back, a link, "Clear"): the fields show them. Our own apply changes nothing here,
  // so the field keeps its focus and what is being typed ("asha " stays, though "asha" was applied).
  const [shown, setShown] = useState(filters);
  if (shown.q !== filters.q || shown.tag !== filters.tag) {
    setShown(filters);
    if (filters.q !== typed.q.trim() || filters.tag !== typed.tag.trim().toLowerCase()) setTyped({ q: filters.q, tag: filters.tag });
  }

  /** Applies what was typed, unless the tag is one the CRM would refuse (then says why). */
  const apply = (next) => {
    clearTimeout(timer.current);
    const tag = next.tag.trim() ? cleanTag(next.tag) : "";
    setTagError(tag === null ? tagHint() : null);
    if (tag === null) return;
    if (next.q.trim() !== filters.q || tag !== filters.tag) onApply({ ...filters, q: next.q.trim(), tag });
  };
  const change = (event) => {
    const next = { ...typed, [event.target.name]: event.target.value };
    setTyped(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => apply(next), WAIT_MS);
  };
  const submit = (event) => {
    event.preventDefault();
    apply(typed);
  };

  return (
    <form className="clients-filters" role="search" aria-label={t("filters.label")} onSubmit={submit}>
      <Field id={`${id}-q`} label={t("filters.search")} hint={t("filters.searchHint")}>
        {(control) => <input {...control} name="q" type="search" autoComplete="off" maxLength={200} value={typed.q} onChange={change} />}
      </Field>
      <Field id={`${id}-tag`} label={t("filters.tag")} error={tagError}>
        {(control) => <input {...control} name="tag" autoComplete="off" maxLength={64} placeholder={t("filters.any")} value={typed.tag} onChange={change} />}
      </Field>
      {children}
      {/* Enter applies at once; the button is for those who look for one. */}
      <button type="submit" className="button secondary">
        {t("filters.submit")}
      </button>
    </form>
  );
}
