/** Rating a session attended, through the signed link of the email sent when it closed (public: the link is the
 *  person's authority). Reading is a GET; recording is always a POST from the page, never the link's own GET, so an
 *  email scanner that follows links records nothing. */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";

export const feedbackKeys = { one: (token) => ["feedback", token] };

/** {booking_id, title, starts_at, rating (null: not yet), comment}; 400 invalid_token, 409 not_attended. */
export function useFeedback(token, { enabled = true } = {}) {
  const { main } = useApi();
  return useQuery({
    queryKey: feedbackKeys.one(token),
    queryFn: ({ signal }) => main.get("/feedback", { params: { token }, signal }),
    enabled: Boolean(token) && enabled,
    retry: false,
  });
}

/** {token, rating, comment?} → the answer as GET gives it (a comment left out is kept). */
export function useAnswerFeedback() {
  const { main } = useApi();
  return useMutation({ mutationFn: (answer) => main.post("/feedback", answer) });
}
