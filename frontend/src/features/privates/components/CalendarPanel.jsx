/** A teacher's own calendar: linked (CalDAV, read and written: Nextcloud, Fastmail, iCloud…; or an iCal address, read
 *  only: what Google and Outlook give), when it was last read and written, its last error, reading it now, unlinking
 *  it. Its busy times block the teacher's private slots; a calendar not read for 30 minutes withholds them. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { useLinkCalendar, useMyCalendar, useSyncCalendar, useUnlinkCalendar } from "../staff-api.js";

const KINDS = ["caldav", "ical"];
const KIND_NAMES = { caldav: "calendar.kinds.caldav", ical: "calendar.kinds.ical" };
const URL_HINTS = { caldav: "calendar.urlHint.caldav", ical: "calendar.urlHint.ical" };

function LinkForm() {
  const { t } = useTranslation("privates");
  const link = useLinkCalendar();
  const [values, setValues] = useState({ kind: "caldav", url: "", username: "", password: "" });
  const set = (name) => (event) => setValues({ ...values, [name]: event.target.value });
  const submit = (event) => {
    event.preventDefault();
    if (link.isPending) return;
    const body = { kind: values.kind, url: values.url.trim() };
    if (values.kind === "caldav" && values.username) Object.assign(body, { username: values.username, password: values.password });
    link.mutate(body);
  };
  return (
    <form className="form calendar-link" onSubmit={submit} aria-label={t("calendar.formLabel")}>
      <fieldset className="desk-choice">
        <legend>{t("calendar.kind")}</legend>
        {KINDS.map((kind) => (
          <label key={kind}>
            <input type="radio" name="calendar-kind" value={kind} checked={values.kind === kind} onChange={set("kind")} />
            {t(KIND_NAMES[kind])}
          </label>
        ))}
      </fieldset>
      <InputField id="calendar-url" label={t("calendar.url")} hint={t(URL_HINTS[values.kind])} type="url" required maxLength={1000} value={values.url} onChange={set("url")} autoComplete="off" />
      {values.kind === "caldav" && (
        <>
          <InputField id="calendar-username" label={t("calendar.username")} type="text" maxLength={200} value={values.username} onChange={set("username")} autoComplete="off" />
          <InputField id="calendar-password" label={t("calendar.password")} hint={t("calendar.passwordHint")} type="password" maxLength={500} value={values.password} onChange={set("password")} autoComplete="new-password" />
        </>
      )}
      <ErrorMessage error={link.error} title={t("calendar.notLinked")} />
      <button type="submit" className="button primary" aria-disabled={link.isPending || undefined}>
        {link.isPending ? t("calendar.linking") : t("calendar.link")}
      </button>
    </form>
  );
}

function Linked({ state }) {
  const { t } = useTranslation("privates");
  const sync = useSyncCalendar();
  const unlink = useUnlinkCalendar();
  const [asking, setAsking] = useState(false);
  const never = t("calendar.never");
  return (
    <div className="calendar-state">
      <p>{t("calendar.linked", { kind: t(KIND_NAMES[state.kind]), host: state.host })}</p>
      <p className="muted small-text">
        {t("calendar.readAt", { when: state.read_at ? formatDateTime(state.read_at) : never })}
        {state.kind === "caldav" ? ` · ${t("calendar.writtenAt", { when: state.written_at ? formatDateTime(state.written_at) : never })}` : ""}
      </p>
      {state.stale && <p role="alert">{t("calendar.stale")}</p>}
      {state.last_error && <p className="field-error">{t("calendar.lastError", { error: state.last_error })}</p>}
      <ErrorMessage error={sync.error ?? unlink.error} title={t("calendar.notSynced")} />
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => sync.isPending || sync.mutate()} aria-disabled={sync.isPending || undefined}>
          {sync.isPending ? t("calendar.syncing") : t("calendar.sync")}
        </button>
        <button type="button" className="button danger" onClick={() => setAsking(true)}>
          {t("calendar.unlink")}
        </button>
      </div>
      {asking && (
        <ConfirmDialog title={t("calendar.unlinkTitle")} confirmLabel={t("calendar.unlink")} danger busy={unlink.isPending} onConfirm={() => unlink.mutate(undefined, { onSettled: () => setAsking(false) })} onCancel={() => setAsking(false)}>
          <p>{t("calendar.unlinkBody")}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

export function CalendarPanel() {
  const { t } = useTranslation("privates");
  const calendar = useMyCalendar();
  if (calendar.isPending) return <Loading label={t("calendar.loading")} />;
  if (calendar.error) return <ErrorMessage error={calendar.error} title={t("calendar.notLoaded")} onRetry={() => calendar.refetch()} />;
  return calendar.data.linked ? <Linked state={calendar.data} /> : <LinkForm />;
}
