/** The guardian's family: its children (read in lib/family.js), adding (POST /me/family/children) and removing one
 *  (DELETE /me/family/children/<id>), and inviting its second guardian (POST /me/family/invitations). */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";
import { familyKeys } from "../../lib/family.js";

export { useChildren } from "../../lib/family.js";

/** Add a child ({name, date_of_birth, notes_for_teacher, consent: true}); 400 names the fields. */
export function useAddChild() {
  const { main } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (child) => main.post("/me/family/children", child),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: familyKeys.all }),
  });
}

/** Delete a child's details; 409 dependent_booked while a seat ahead is held for them. */
export function useRemoveChild() {
  const { main } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (childId) => main.delete(`/me/family/children/${childId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: familyKeys.all }),
  });
}

/** Invite an address as the family's second guardian: {email, expires_in_seconds}. */
export function useInviteGuardian() {
  const { main } = useApi();
  return useMutation({ mutationFn: (email) => main.post("/me/family/invitations", { email }) });
}
