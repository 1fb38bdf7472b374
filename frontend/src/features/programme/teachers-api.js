/** Who may teach the current studio's sessions (its owners, managers and instructors, from GET .../members), and
 *  giving one session another teacher (PATCH .../sessions/<id>/instructor). Both are a studio's: on a facilitator's
 *  own seed routes every session is theirs, so there is nobody to choose. */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";
import { studioKeys, useStudio } from "../../lib/studio.jsx";
import { useInvalidateMine } from "./api.js";
import { byStart } from "./schedule.js";

/** The member roles that teach (services/studios TEACHING_ROLES). */
export const TEACHING_ROLES = ["owner", "manager", "instructor"];

/** The studio's members who teach, as GET .../members lists them (owners first): [{user_id, name, role}]; no data
 *  without a current studio or without members.view (then the forms leave the teacher to the server: the caller). */
export function useTeachers() {
  const { main } = useApi();
  const { studio, base, can } = useStudio();
  const enabled = Boolean(studio) && can("members.view") && can("events.manage");
  return useQuery({
    queryKey: [...studioKeys.all, studio?.slug, "members"],
    queryFn: ({ signal }) => main.get(`${base}/members`, { signal }).then((answer) => answer.items ?? []),
    select: (members) => members.filter((member) => TEACHING_ROLES.includes(member.role)),
    enabled,
  });
}

/** {instructorId, following} → {session_id, instructor_id, session_ids}: the session (following: and the later
 *  sessions of its series not yet started) is taught by that member from now on (its booked people see the new
 *  name); 400 naming instructor_id when they are not a member who teaches. */
export function useAssignTeacher(sessionId) {
  const { main } = useApi();
  const { base } = useStudio();
  const invalidate = useInvalidateMine();
  return useMutation({
    mutationFn: ({ instructorId, following = false }) =>
      main.patch(`${base}/sessions/${encodeURIComponent(sessionId)}/instructor`, { instructor_id: Number(instructorId), ...(following ? { following: true } : {}) }),
    onSettled: invalidate,
  });
}

/** The members who teach, with the session's own teacher first when they no longer do (a past teacher still
 *  named, though not offered for other sessions); [] while nobody is known. */
export function withTeacher(members, instructor) {
  if (!members?.length) return [];
  const gone = instructor?.id != null && !members.some((teacher) => String(teacher.user_id) === String(instructor.id));
  return gone ? [{ user_id: instructor.id, name: instructor.name, role: null }, ...members] : members;
}

/** The teacher a form starts with: `preferred` (a user id) when they still teach here, else me when I do, else the
 *  first who does; "" while nobody is known. */
export function defaultTeacher(teachers, myId, preferred) {
  const ids = (teachers ?? []).map((teacher) => String(teacher.user_id));
  for (const id of [preferred, myId]) if (id != null && ids.includes(String(id))) return String(id);
  return ids[0] ?? "";
}

/** {instructor_id} for a request body when a teacher was chosen; {} leaves it to the server (the caller). */
export const teacherRequest = (instructorId) => (instructorId ? { instructor_id: Number(instructorId) } : {});

/** Who teaches the event's latest session (its next one is most likely theirs too), or undefined. */
export const latestTeacherId = (event) => [...(event?.sessions ?? [])].sort(byStart).at(-1)?.instructor?.id;
