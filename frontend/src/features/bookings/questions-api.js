/** The intake questions booking an event asks (GET /events/<id>/questions), read when its booking dialog opens. */
import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";

/** [{id, kind, label, help_text, required, sensitive, choices}] of the event, in order; eventId null: not needed. */
export function useEventQuestions(eventId) {
  const { main } = useApi();
  return useQuery({
    queryKey: ["events", "questions", String(eventId)],
    queryFn: ({ signal }) => main.get(`/events/${encodeURIComponent(eventId)}/questions`, { signal }).then((answer) => answer.items ?? []),
    enabled: eventId != null,
  });
}
