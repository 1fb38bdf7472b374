/** Studio settings → Booking widget → Add it to your site: the tags to paste (the timetable, or one upcoming event
 *  chosen from the studio's public page), their colours, and a preview of the timetable in a new tab. */
import { useState } from "react";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { Field } from "../../../components/Field.jsx";
import { formatDate } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { usePublicStudio } from "../api.js";
import { widgetSnippet } from "../embed-widget.js";
import { Snippet } from "./Snippet.jsx";

/** The widget's colours as data-theme takes them; "" leaves the tag without one. */
const THEMES = [
  ["", "As the visitor's device is set"],
  ["light", "Light"],
  ["dark", "Dark"],
];

function ThemeField({ theme, onChange }) {
  return (
    <Field id="widget-theme" label="Colours">
      {(control) => (
        <select {...control} value={theme} onChange={(event) => onChange(event.target.value)}>
          {THEMES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** One upcoming event's tag: the first 50 the public page lists (GET /api/public/studios/<slug>), the first chosen. */
function EventSnippet({ slug, origin, theme }) {
  const page = usePublicStudio(slug);
  const [chosen, setChosen] = useState(null);
  if (page.isPending) return <Loading label="Loading your upcoming events…" />;
  if (page.isError) return <ErrorMessage error={page.error} title="Your upcoming events could not be loaded." onRetry={() => page.refetch()} />;
  const events = page.data.events ?? [];
  if (!events.length) return <p className="muted">No upcoming events yet: once one is scheduled, its own snippet shows here.</p>;
  const event = events.find((one) => String(one.id) === chosen) ?? events[0];
  return (
    <>
      <Field id="widget-event" label="Event">
        {(control) => (
          <select {...control} value={String(event.id)} onChange={(change) => setChosen(change.target.value)}>
            {events.map((one) => (
              <option key={one.id} value={String(one.id)}>
                {`${one.title} (${formatDate(one.starts_at, { timeZone: one.timezone })})`}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Snippet id="widget-event-code" label="Event snippet" code={widgetSnippet({ origin, slug, eventId: event.id, theme })} />
    </>
  );
}

/** slug: the current studio's. */
export function EmbedSnippets({ slug }) {
  const [theme, setTheme] = useState("");
  // The app's own origin: embed.js is served beside the pages it frames.
  const origin = window.location.origin;
  const preview = `${paths.embedTimetable(slug)}${theme ? `?theme=${theme}` : ""}`;
  return (
    <section aria-labelledby="widget-code-heading" className="widget-code">
      <h3 id="widget-code-heading">Add it to your site</h3>
      <p className="muted">Paste a snippet into your site's page where the widget should appear.</p>
      <ThemeField theme={theme} onChange={setTheme} />
      <Snippet id="widget-timetable-code" label="Timetable snippet" code={widgetSnippet({ origin, slug, theme })} />
      <p>
        <a href={preview} target="_blank" rel="noreferrer">
          Preview
        </a>{" "}
        <span className="muted small-text">the timetable as your site will show it (opens in a new tab)</span>
      </p>
      <h4>One event</h4>
      <EventSnippet slug={slug} origin={origin} theme={theme} />
    </section>
  );
}
