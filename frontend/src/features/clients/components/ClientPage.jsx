/** /facilitator/clients/:clientId: one client of the current studio's client book: who they are (their name in
 *  another script beside their name), their figures, passes and money (not for an instructor), tags, consent, notes,
 *  timeline and merged records; a child's family (their guardians; a guardian's children), and for a child no
 *  consent or merge (the CRM refuses both). What staff may write (clients.write) shows only to those who may. renderWhatsapp: what
 *  src/app puts above the timeline ({userId, name, timeline, timeZone, onAnswered}: the client's WhatsApp). */
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { formatDate } from "../../../lib/format.js";
import { t as translate } from "../../../lib/i18n.js";
import { paths } from "../../../lib/paths.js";
import { useStudio } from "../../../lib/studio.jsx";
import { browserZone } from "../../../lib/time-zones.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { clientKeys, useClient, useClientBook } from "../api.js";
import { bookError } from "../errors.js";
import { clientName } from "../wording.js";
import { ClientConsent } from "./ClientConsent.jsx";
import { ClientFamily } from "./ClientFamily.jsx";
import { ClientFigures } from "./ClientFigures.jsx";
import { ClientMerge } from "./ClientMerge.jsx";
import { ClientNotes } from "./ClientNotes.jsx";
import { ClientTags } from "./ClientTags.jsx";
import { ClientTimeline } from "./ClientTimeline.jsx";
import { ClientWhatsappConsent } from "./ClientWhatsappConsent.jsx";
import { OtherName } from "./OtherName.jsx";
import "../clients.css";

function BackLink() {
  const { t } = useTranslation("clients");
  return (
    <p className="back-link">
      <Link to={paths.clients}>{t("client.back")}</Link>
    </p>
  );
}

function NoSuchClient() {
  const { t } = useTranslation("clients");
  return (
    <section className="page narrow">
      <BackLink />
      <h1>{t("client.notFound")}</h1>
      <p>{t("client.notFoundText")}</p>
    </section>
  );
}

/** "asha@example.com · +91 98765 43210 · client since Wed, 1 Jan 2031" */
function contactLine(profile, timeZone) {
  const parts = [profile.email, profile.phone];
  if (profile.first_seen_at) parts.push(translate("clients:client.since", { date: formatDate(profile.first_seen_at, { timeZone }) }));
  return parts.filter(Boolean).join(" · ");
}

export function ClientPage({ renderWhatsapp }) {
  const { t } = useTranslation("clients");
  const queryClient = useQueryClient();
  const { clientId } = useParams();
  const { studio } = useStudio();
  const book = useClientBook();
  // The timeline's page, for this client: another client's page opens at their newest entries.
  const [shown, setShown] = useState({ clientId, page: 1 });
  const timelinePage = shown.clientId === clientId ? shown.page : 1;
  const client = useClient(clientId, timelinePage);
  usePageTitle(client.data ? clientName(client.data) : t("client.title"));
  const timeZone = studio?.timezone ?? browserZone();

  if (client.isPending) {
    return (
      <section className="page">
        <Loading label={t("client.loading")} />
      </section>
    );
  }
  if (client.error?.status === 404 && client.error.code !== "studio_not_found") return <NoSuchClient />;
  if (client.error) {
    return (
      <section className="page">
        <BackLink />
        <ErrorMessage error={bookError(client.error)} title={t("client.loadFailed")} onRetry={() => client.refetch()} />
      </section>
    );
  }
  const profile = client.data;
  const write = book.may.write;
  // Every page of this client's timeline is read again: an answer sent on WhatsApp comes back in it.
  const onAnswered = () => queryClient.invalidateQueries({ queryKey: clientKeys.client(book.slug, clientId) });
  return (
    <section className="page client-page">
      <BackLink />
      <h1>
        {clientName(profile)}
        <OtherName client={profile} /> {profile.guest && <span className="pill guest-pill">{t("client.guest")}</span>}
        {profile.child && <span className="pill guest-pill">{t("client.child")}</span>}
      </h1>
      <p className="muted">{contactLine(profile, timeZone)}</p>
      <div className="client-columns">
        <div className="stack">
          <ClientFigures profile={profile} timeZone={timeZone} />
          <ClientFamily profile={profile} />
        </div>
        <div className="stack">
          <ClientTags clientId={profile.id} tags={profile.tags ?? []} canWrite={write} />
          {!profile.child && <ClientConsent clientId={profile.id} consent={profile.consent} canWrite={write} />}
          <ClientWhatsappConsent userId={profile.user_id} canWrite={write} />
          <ClientNotes clientId={profile.id} notes={profile.notes ?? []} canWrite={write} />
        </div>
      </div>
      {renderWhatsapp?.({ userId: profile.user_id ?? null, name: clientName(profile), timeline: profile.timeline, timeZone, onAnswered })}
      <ClientTimeline timeline={profile.timeline} timeZone={timeZone} busy={client.isFetching} onPage={(page) => setShown({ clientId, page })} />
      {!profile.child && <ClientMerge profile={profile} canWrite={write} />}
    </section>
  );
}
