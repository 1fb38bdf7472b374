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
    // Not awaited: the caller's own onSuccess runs while the child's row (gone once the list is read again) is there.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: familyKeys.all }),
  });
}

/** Whether a child born on dateOfBirth ("YYYY-MM-DD") is 18 on the day today (a Date) falls on, here. */
export function isGrown(dateOfBirth, today = new Date()) {
  const [year, month, day] = dateOfBirth.split("-").map(Number);
  const [thisMonth, thisDay] = [today.getMonth() + 1, today.getDate()];
  const beforeBirthday = thisMonth < month || (thisMonth === month && thisDay < day);
  return today.getFullYear() - year - (beforeBirthday ? 1 : 0) >= 18;
}

/** Give a grown child a login of their own ({childId, email}) → {user_id, email, bookings}: their bookings and
 *  places in line go to it, and they leave the family (422 dependent_too_young under 18, 409 email_taken). */
export function useGiveOwnLogin() {
  const { main } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ childId, email }) => main.post(`/me/family/children/${childId}/own-login`, { email }),
    onSuccess: () => void queryClient.invalidateQueries(), // not awaited, as for removing a child
  });
}

/** Invite an address as the family's second guardian: {email, expires_in_seconds}. */
export function useInviteGuardian() {
  const { main } = useApi();
  return useMutation({ mutationFn: (email) => main.post("/me/family/invitations", { email }) });
}
