/** Studio settings → Booking widget: the studio's timetable or one of its events on the studio's own site, through
 *  public/embed.js. The sites allowed to frame it (GET /api/studios/<slug>'s embed_origins), and the tags to paste. */
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { useStudio } from "../../../lib/studio.jsx";
import { useStudioSettings } from "../api.js";
import { EmbedSites } from "./EmbedSites.jsx";
import { EmbedSnippets } from "./EmbedSnippets.jsx";

function Sites({ canChange }) {
  const { t } = useTranslation("studios");
  const settings = useStudioSettings();
  if (settings.isPending) return <Loading label={t("widget.sitesLoading")} />;
  if (settings.isError) return <ErrorMessage error={settings.error} title={t("widget.sitesNotLoaded")} onRetry={() => settings.refetch()} />;
  return <EmbedSites origins={settings.data.embed_origins ?? []} canChange={canChange} />;
}

export function BookingWidget() {
  const { t } = useTranslation("studios");
  const { studio, can } = useStudio();
  return (
    <section className="card booking-widget" aria-labelledby="booking-widget-heading">
      <h2 id="booking-widget-heading">{t("widget.title")}</h2>
      <p className="muted">{t("widget.intro")}</p>
      <Sites canChange={can("studio.settings")} />
      <EmbedSnippets slug={studio.slug} />
    </section>
  );
}
