/** "Preview: who would enter now": how many people its trigger would bring in now (were it switched on, for one that is off), and up to
 *  20 of their names; a trigger that is something happening (a booking, a first visit) looks at the last 30 days. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { usePreview } from "../api.js";

function PreviewAnswer({ preview }) {
  const { t } = useTranslation("automations");
  const more = preview.count - preview.people.length;
  return (
    <div className="automation-preview-answer" role="status">
      <p>
        <strong>{t("preview.count", { count: preview.count })}</strong>
        {preview.window === "last_30_days" && ` ${t("preview.lastDays")}`}
      </p>
      {preview.people.length > 0 && (
        <ul className="automation-people">
          {preview.people.map((person) => (
            <li key={person.user_id}>{person.name}</li>
          ))}
        </ul>
      )}
      {more > 0 && <p className="muted">{t("preview.more", { count: more })}</p>}
    </div>
  );
}

export function PreviewSection({ automation }) {
  const { t } = useTranslation("automations");
  const [shown, setShown] = useState(false);
  const preview = usePreview(automation.id, shown);
  const ask = () => (shown ? preview.refetch() : setShown(true));
  return (
    <section className="card automation-preview" aria-labelledby="automation-preview-title">
      <h2 id="automation-preview-title">{t("preview.title")}</h2>
      <p className="muted">{automation.active ? t("preview.introOn") : t("preview.introOff")}</p>
      <button type="button" className="button secondary" aria-disabled={preview.isFetching || undefined} onClick={() => !preview.isFetching && ask()}>
        {t("preview.ask")}
      </button>
      {shown && preview.isPending && <Loading />}
      {preview.error && <ErrorMessage error={preview.error} title={t("preview.notLoaded")} />}
      {preview.data && <PreviewAnswer preview={preview.data} />}
    </section>
  );
}
