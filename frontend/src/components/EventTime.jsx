/** An event's time range in the event's zone, with the viewer's own time beside it, smaller, when that reads differently. */
import { eventTimes } from "../lib/format.js";

/** start, end: ISO times; timeZone: the event's zone; viewerZone: defaults to the browser's. */
export function EventTime({ start, end, timeZone, viewerZone }) {
  const { text, viewerText } = eventTimes(start, end, timeZone, { viewerZone });
  return (
    <>
      {text}
      {viewerText && (
        <>
          {" "}
          <span className="viewer-time">({viewerText})</span>
        </>
      )}
    </>
  );
}
