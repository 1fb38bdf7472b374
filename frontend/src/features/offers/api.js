/** A waiting-list offer through its signed link (public: the link is the person's authority): read it, take the
 *  seat, or decline it. Taking or declining moves seats, so bookings and events are read again. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";
import { EVENTS_ROOT_KEY } from "../../lib/query-client.js";

export const offerKeys = { one: (token) => ["offers", token] };

const offerPath = (token) => `/waitlist/offers/${encodeURIComponent(token)}`;

export function useOffer(token) {
  const { main } = useApi();
  return useQuery({
    queryKey: offerKeys.one(token),
    queryFn: ({ signal }) => main.get(offerPath(token), { signal }),
    retry: false,
  });
}

function useOfferReply(reply) {
  const { main } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token) => main.post(`${offerPath(token)}/${reply}`),
    onSettled: () => {
      queryClient.invalidateQueries({ queryKey: ["bookings"] });
      queryClient.invalidateQueries({ queryKey: EVENTS_ROOT_KEY });
    },
  });
}

export const useAcceptOffer = () => useOfferReply("accept");
export const useDeclineOffer = () => useOfferReply("decline");
