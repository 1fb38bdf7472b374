/** My event's intake questions (GET / PUT /api/facilitator/<me>/events/<id>/questions): the list the booking dialog
 *  asks, set as a whole. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFacilitator } from "./api.js";

const questionKeys = (facilitatorId, eventId) => ["facilitator", facilitatorId, "events", String(eventId), "questions"];

/** [{id, kind, label, help_text, required, sensitive, choices}], in order. */
export function useQuestionList(eventId) {
  const { facilitatorId, main, base } = useFacilitator();
  return useQuery({
    queryKey: questionKeys(facilitatorId, eventId),
    queryFn: ({ signal }) => main.get(`${base}/events/${encodeURIComponent(eventId)}/questions`, { signal }).then((answer) => answer.items ?? []),
    enabled: Boolean(facilitatorId && eventId),
  });
}

/** questions (in order; with an id: edited, without: new, left out: retired) → the list as saved; 400 naming the
 *  field (questions.<index>.<field>). */
export function useSetQuestions(eventId) {
  const { facilitatorId, main, base } = useFacilitator();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (questions) => main.put(`${base}/events/${encodeURIComponent(eventId)}/questions`, { questions }).then((answer) => answer.items ?? []),
    onSuccess: (saved) => queryClient.setQueryData(questionKeys(facilitatorId, eventId), saved),
  });
}
