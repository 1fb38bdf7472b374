/** My event's intake questions (GET / PUT <base>/events/<id>/questions): the list the booking dialog
 *  asks, set as a whole. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useProgrammeApi } from "./api.js";

const questionKeys = (scope, eventId) => ["programme", scope, "events", String(eventId), "questions"];

/** [{id, kind, label, help_text, required, sensitive, choices}], in order. */
export function useQuestionList(eventId) {
  const { scope, main, base } = useProgrammeApi();
  return useQuery({
    queryKey: questionKeys(scope, eventId),
    queryFn: ({ signal }) => main.get(`${base}/events/${encodeURIComponent(eventId)}/questions`, { signal }).then((answer) => answer.items ?? []),
    enabled: Boolean(scope && eventId),
  });
}

/** questions (in order; with an id: edited, without: new, left out: retired) → the list as saved; 400 naming the
 *  field (questions.<index>.<field>). */
export function useSetQuestions(eventId) {
  const { scope, main, base } = useProgrammeApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (questions) => main.put(`${base}/events/${encodeURIComponent(eventId)}/questions`, { questions }).then((answer) => answer.items ?? []),
    onSuccess: (saved) => queryClient.setQueryData(questionKeys(scope, eventId), saved),
  });
}
