/** My event's intake questions (GET / PUT <base>/events/<id>/questions): the list the booking dialog
 *  asks, set as a whole. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFacilitator } from "./api.js";

const questionKeys = (scope, eventId) => ["facilitator", scope, "events", String(eventId), "questions"];

/** [{id, kind, label, help_text, required, sensitive, choices}], in order. */
export function useQuestionList(eventId) {
  const { scope, main, base } = useFacilitator();
  return useQuery({
    queryKey: questionKeys(scope, eventId),
    queryFn: ({ signal }) => main.get(`${base}/events/${encodeURIComponent(eventId)}/questions`, { signal }).then((answer) => answer.items ?? []),
    enabled: Boolean(scope && eventId),
  });
}

/** questions (in order; with an id: edited, without: new, left out: retired) → the list as saved; 400 naming the
 *  field (questions.<index>.<field>). */
export function useSetQuestions(eventId) {
  const { scope, main, base } = useFacilitator();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (questions) => main.put(`${base}/events/${encodeURIComponent(eventId)}/questions`, { questions }).then((answer) => answer.items ?? []),
    onSuccess: (saved) => queryClient.setQueryData(questionKeys(scope, eventId), saved),
  });
}
