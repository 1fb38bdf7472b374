/** /facilitator/desk: the front desk of the current studio (desk.checkin): today's and tomorrow's classes on the
 *  studio's clock, each with its check-in, a walk-in and booking a client; and selling a pass at the desk. Laid out
 *  for a tablet or a phone as well as a desk. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { formatDate } from "../../../lib/format.js";
import { useStudio } from "../../../lib/studio.jsx";
import { browserZone } from "../../../lib/time-zones.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useDeskEvents } from "../api.js";
import { deskDays } from "../days.js";
import { deskRefusal } from "../wording.js";
import { DeskSessionCard } from "./DeskSessionCard.jsx";
import { SellPassForm } from "./SellPassForm.jsx";
import "../desk.css";

/** label: the day's name; none: what it says without classes. */
function Day({ label, none, sessions, timeZone, now }) {
  const date = formatDate(new Date(sessions[0]?.starts_at ?? now).toISOString(), { timeZone });
  return (
    <section className="desk-day" aria-label={label}>
      <h2>
        {label} <span className="muted small-text">{sessions.length ? date : ""}</span>
      </h2>
      {sessions.length ? (
        <ul className="desk-sessions">
          {sessions.map((session) => (
            <DeskSessionCard key={session.id} session={session} timeZone={timeZone} />
          ))}
        </ul>
      ) : (
        <p className="muted">{none}</p>
      )}
    </section>
  );
}

function SellPass() {
  const { t } = useTranslation("desk");
  const [open, setOpen] = useState(false);
  return (
    <section className="card desk-sell" aria-labelledby="sell-heading">
      <div className="desk-sell-head">
        <h2 id="sell-heading">{t("sell.heading")}</h2>
        <button type="button" className="button secondary" aria-expanded={open} aria-controls="sell-panel" onClick={() => setOpen(!open)}>
          {open ? t("sell.close") : t("sell.start")}
        </button>
      </div>
      <div id="sell-panel">{open && <SellPassForm />}</div>
    </section>
  );
}

export function FrontDeskPage() {
  const { t } = useTranslation("desk");
  usePageTitle(t("page.title"));
  const { studio, can } = useStudio();
  const events = useDeskEvents();
  const timeZone = studio?.timezone ?? browserZone();
  const [now] = useState(() => Date.now());
  let body;
  if (events.isPending) body = <Loading label={t("page.loading")} />;
  else if (events.error) body = <ErrorMessage error={deskRefusal(events.error)} title={t("page.loadFailed")} onRetry={() => events.refetch()} />;
  else {
    const days = deskDays(events.data, timeZone, now);
    body =
      days.today.length || days.tomorrow.length ? (
        <>
          <Day label={t("page.today")} none={t("page.noneToday")} sessions={days.today} timeZone={timeZone} now={now} />
          <Day label={t("page.tomorrow")} none={t("page.noneTomorrow")} sessions={days.tomorrow} timeZone={timeZone} now={now} />
        </>
      ) : (
        <EmptyState title={t("page.emptyTitle")}>
          <p className="muted">{t("page.emptyText")}</p>
        </EmptyState>
      );
  }
  return (
    <section className="page front-desk">
      <h1>{studio ? t("page.headingAt", { studio: studio.name }) : t("page.heading")}</h1>
      {can("desk.sales") && <SellPass />}
      {body}
    </section>
  );
}
