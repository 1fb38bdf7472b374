/** Studio settings → Booking widget → the sites whose pages may frame it (the studio's embed_origins): added and
 *  removed here, then saved whole; the API's normalized list comes back, and what it refuses shows beside its entry
 *  or the list. Read only for members without studio.settings. */
import { useRef, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { useChangeStudioSettings } from "../api.js";
import { addSiteError, sameSites, siteErrors } from "../embed-widget.js";

const NOTHING_REFUSED = { bySite: {}, list: null };

/** The list being edited from origins (as stored): add and remove change it here, save sends it whole. */
function useSites(origins) {
  const { t } = useTranslation("studios");
  const change = useChangeStudioSettings();
  const [stored, setStored] = useState(origins);
  const [sites, setSites] = useState(origins);
  const [refused, setRefused] = useState(NOTHING_REFUSED);
  const [saved, setSaved] = useState(null);
  const edit = (next) => {
    setSites(next);
    setSaved(null);
  };
  const save = () => {
    if (change.isPending) return;
    const sent = sites;
    setRefused(NOTHING_REFUSED);
    change.mutate(
      { embed_origins: sent },
      {
        onSuccess: (studio) => {
          const answer = studio.embed_origins ?? [];
          setStored(answer);
          setSites(answer);
          setSaved(answer.length ? t("widget.sites.saved", { count: answer.length }) : t("widget.sites.savedNone"));
        },
        onError: (error) => setRefused(siteErrors(error, sent)),
      },
    );
  };
  return {
    sites,
    refused,
    saved,
    save,
    busy: change.isPending,
    unsaved: !sameSites(sites, stored),
    add: (site) => edit([...sites, site]),
    remove: (site) => edit(sites.filter((one) => one !== site)),
  };
}

/** The sites, each with Remove (canChange) and the API's message about it. */
function SiteList({ sites, errors, canChange, onRemove }) {
  const { t } = useTranslation("studios");
  if (!sites.length) return <p className="muted">{t("widget.sites.none")}</p>;
  return (
    <ul className="embed-sites" aria-label={t("widget.sites.title")}>
      {sites.map((site, index) => {
        const errorId = `embed-site-${index}-error`;
        return (
          <li key={site}>
            <code>{site}</code>
            {canChange && (
              <button type="button" className="button secondary small" aria-describedby={errors[site] ? errorId : undefined} onClick={() => onRemove(site)}>
                {/* The site is read after the word shown, never instead of it (a voice command says that word). */}
                <Trans t={t} i18nKey="widget.sites.remove" values={{ site }} components={{ hidden: <span className="visually-hidden" /> }} />
              </button>
            )}
            {errors[site] && (
              <p id={errorId} className="field-error">
                {errors[site]}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** "Add a site": a duplicate is refused here; the API judges the rest when the list is saved. */
function AddSite({ sites, onAdd, inputRef }) {
  const { t } = useTranslation("studios");
  const [draft, setDraft] = useState("");
  const [error, setError] = useState(null);
  const add = (event) => {
    event.preventDefault();
    const site = draft.trim();
    const refusal = addSiteError(site, sites);
    setError(refusal);
    if (refusal) return;
    onAdd(site);
    setDraft("");
  };
  return (
    <form className="embed-add" onSubmit={add} noValidate>
      <InputField
        ref={inputRef}
        id="embed-site"
        type="url"
        label={t("widget.sites.add")}
        placeholder={t("widget.sites.addPlaceholder")}
        hint={t("widget.sites.addHint")}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        value={draft}
        error={error}
        onChange={(event) => {
          setDraft(event.target.value);
          setError(null);
        }}
      />
      <button type="submit" className="button secondary">
        {t("widget.sites.addButton")}
      </button>
    </form>
  );
}

/** origins: the studio's embed_origins as stored; canChange: studio.settings. */
export function EmbedSites({ origins, canChange }) {
  const { t } = useTranslation("studios");
  const list = useSites(origins);
  const inputRef = useRef(null);
  const remove = (site) => {
    list.remove(site);
    // Its button is gone with it: the keyboard goes on from the field that adds one.
    inputRef.current?.focus();
  };
  const { bySite, list: listError } = list.refused;
  const refusedEntries = list.sites.some((site) => bySite[site]);
  return (
    <section aria-labelledby="embed-sites-heading" className="embed-sites-section">
      <h3 id="embed-sites-heading">{t("widget.sites.title")}</h3>
      <p>{t("widget.sites.explanation")}</p>
      <SuccessMessage>{list.saved}</SuccessMessage>
      {(listError || refusedEntries) && <ErrorMessage error={{ message: listError ?? t("widget.sites.fixMarked") }} title={t("widget.sites.notSaved")} />}
      <SiteList sites={list.sites} errors={bySite} canChange={canChange} onRemove={remove} />
      {canChange ? (
        <>
          <AddSite sites={list.sites} onAdd={list.add} inputRef={inputRef} />
          <div className="actions">
            <button type="button" className="button primary" aria-disabled={list.busy || undefined} onClick={list.save}>
              {list.busy ? t("widget.sites.saving") : t("widget.sites.save")}
            </button>
            {list.unsaved && <span className="muted small-text">{t("widget.sites.unsaved")}</span>}
          </div>
        </>
      ) : (
        <p className="muted small-text">{t("widget.sites.ownersOnly")}</p>
      )}
    </section>
  );
}
