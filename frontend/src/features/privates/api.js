/** Private sessions for the person who books: a studio's services and their free slots (public), booking one,
 *  their own privates, moving and cancelling one, and the passes that can pay. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi, useAuth } from "../../lib/auth.jsx";

export const privateKeys = {
  services: (slug) => ["privates", "services", slug],
  slots: (slug, serviceId, teacherId, days) => ["privates", "slots", slug, serviceId, teacherId ?? "any", days],
  mine: (userId) => ["privates", "mine", userId],
  passes: (userId) => ["privates", "passes", userId],
};

const publicPath = (slug) => `/api/public/studios/${encodeURIComponent(slug)}/appointment-services`;

/** The private sessions a studio takes bookings for, with who gives each. */
export function useServices(slug) {
  const { main } = useApi();
  return useQuery({
    queryKey: privateKeys.services(slug),
    queryFn: ({ signal }) => main.get(publicPath(slug), { signal }).then((answer) => answer.items),
  });
}

/** A service's free slots from now over `days` days, for one teacher or any: {timezone, items}. */
export function useSlots(slug, serviceId, teacherId, days = 14) {
  const { main } = useApi();
  return useQuery({
    queryKey: privateKeys.slots(slug, serviceId, teacherId, days),
    queryFn: ({ signal }) =>
      main.get(`${publicPath(slug)}/${serviceId}/slots`, { params: { days, ...(teacherId ? { teacher_id: teacherId } : {}) }, signal }),
    enabled: Boolean(serviceId),
  });
}

/** The signed-in person's privates not yet over whose seat is held, soonest first. */
export function useMyPrivates() {
  const { main } = useApi();
  const { user } = useAuth();
  return useQuery({
    queryKey: privateKeys.mine(user?.id ?? null),
    queryFn: ({ signal }) => main.get("/appointments", { signal }).then((answer) => answer.items),
    enabled: user?.role === "user",
  });
}

/** The signed-in person's passes good to book with now (a pass pays a private that takes credits). */
export function useUsablePasses() {
  const { main } = useApi();
  const { user } = useAuth();
  return useQuery({
    queryKey: privateKeys.passes(user?.id ?? null),
    queryFn: ({ signal }) => main.get("/me/passes", { signal }).then((answer) => answer.items.filter((pass) => pass.valid)),
    enabled: user?.role === "user",
  });
}

/** A change of the person's privates: slots, their list and their passes are read again. */
function usePrivateChange(mutationFn) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => {
      queryClient.invalidateQueries({ queryKey: ["privates"] });
      queryClient.invalidateQueries({ queryKey: ["bookings"] });
    },
  });
}

/** {service_id, starts_at, teacher_id?, pass_id?} → the booking with its appointment. */
export function useBookPrivate() {
  const { main } = useApi();
  return usePrivateChange((body) => main.post("/appointments", body));
}

/** {appointmentId, starts_at} → the appointment moved. */
export function useMovePrivate() {
  const { main } = useApi();
  return usePrivateChange(({ appointmentId, starts_at }) => main.post(`/appointments/${appointmentId}/move`, { starts_at }));
}

/** A booking id → the booking cancelled (money and credits back as the studio's rule says). */
export function useCancelPrivate() {
  const { main } = useApi();
  return usePrivateChange((bookingId) => main.post(`/bookings/${bookingId}/cancel`, {}));
}
