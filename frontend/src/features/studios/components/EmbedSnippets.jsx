/** Studio settings → Booking widget → Add it to your site: the tags to paste (the timetable, or one upcoming event
 *  chosen from the studio's public page), their colours, and a preview of the timetable in a new tab. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { Field } from "../../../components/Field.jsx";
import { formatDate } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { usePublicStudio } from "../api.js";
import { widgetSnippet } from "../embed-widget.js";
import { Snippet } from "./Snippet.jsx";

/** The widget's colours as data-theme takes them ("" leaves the tag without one), with their names' keys. */
const THEMES = [
  ["", "widget.code.themes.device"],
  ["light", "widget.code.themes.light"],
  ["dark", "widget.code.themes.dark"],
];

function ThemeField({ theme, onChange }) {
  const { t } = useTranslation("studios");
  return (
    <Field id="widget-theme" label={t("widget.code.colours")}>
      {(control) => (
        <select {...control} value={theme} onChange={(event) => onChange(event.target.value)}>
          {THEMES.map(([value, key]) => (
            <option key={value} value={value}>
              {t(key)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** One upcoming event's tag: the first 50 the public page lists (GET /api/public/studios/<slug>), the first chosen. */
function EventSnippet({ slug, origin, theme }) {
  const { t } = useTranslation("studios");
  const page = usePublicStudio(slug);
  const [chosen, setChosen] = useState(null);
  if (page.isPending) return <Loading label={t("widget.code.eventsLoading")} />;
  if (page.isError) return <ErrorMessage error={page.error} title={t("widget.code.eventsNotLoaded")} onRetry={() => page.refetch()} />;
  const events = page.data.events ?? [];
  if (!events.length) return <p className="muted">{t("widget.code.noEvents")}</p>;
  const event = events.find((one) => String(one.id) === chosen) ?? events[0];
  return (
    <>
      <Field id="widget-event" label={t("widget.code.event")}>
        {(control) => (
          <select {...control} value={String(event.id)} onChange={(change) => setChosen(change.target.value)}>
            {events.map((one) => (
              <option key={one.id} value={String(one.id)}>
                {t("widget.code.eventOption", { title: one.title, date: formatDate(one.starts_at, { timeZone: one.timezone }) })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Snippet id="widget-event-code" label={t("widget.code.eventSnippet")} code={widgetSnippet({ origin, slug, eventId: event.id, theme })} />
    </>
  );
}

/** slug: the current studio's. */
export function EmbedSnippets({ slug }) {
  const { t } = useTranslation("studios");
  const [theme, setTheme] = useState("");
  // The app's own origin: embed.js is served beside the pages it frames.
  const origin = window.location.origin;
  const preview = `${paths.embedTimetable(slug)}${theme ? `?theme=${theme}` : ""}`;
  return (
    <section aria-labelledby="widget-code-heading" className="widget-code">
      <h3 id="widget-code-heading">{t("widget.code.title")}</h3>
      <p className="muted">{t("widget.code.intro")}</p>
      <ThemeField theme={theme} onChange={setTheme} />
      <Snippet id="widget-timetable-code" label={t("widget.code.timetableSnippet")} code={widgetSnippet({ origin, slug, theme })} />
      <p>
        <a href={preview} target="_blank" rel="noreferrer">
          {t("widget.code.preview")}
        </a>{" "}
        <span className="muted small-text">{t("widget.code.previewHint")}</span>
      </p>
      <h4>{t("widget.code.oneEvent")}</h4>
      <EventSnippet slug={slug} origin={origin} theme={theme} />
    </section>
  );
}
