/** Private sessions for the studio's staff: the day and week board (appointments.board, or a teacher's own column with
 *  appointments.own), booking a client in at the desk, moving and cancelling one; the services and booking window
 *  (appointments.manage); a teacher's weekly hours and days off (their own, or anyone's with appointments.manage); a
 *  teacher's own linked calendar. Every call goes to the current studio's base (lib/studio.jsx). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";
import { useStudio } from "../../lib/studio.jsx";

export const staffKeys = {
  all: ["privates", "staff"],
  board: (base, from, days, teacherId) => ["privates", "staff", base, "board", from ?? "today", days, teacherId ?? "all"],
  services: (base) => ["privates", "staff", base, "services"],
  rules: (base) => ["privates", "staff", base, "rules"],
  hours: (base, teacherId) => ["privates", "staff", base, "hours", teacherId ?? "me"],
  calendar: (base) => ["privates", "staff", base, "calendar"],
};

/** The board from `from` (the studio's "2026-12-03"; today when null) for `days` days: {timezone, from, days,
 *  teachers, appointments, classes}; everyone who gives a service, or one teacher. */
export function useBoard({ from, days, teacherId }) {
  const { main } = useApi();
  const { base, ready } = useStudio();
  const params = { days, ...(from ? { from } : {}), ...(teacherId ? { teacher_id: teacherId } : {}) };
  return useQuery({
    queryKey: staffKeys.board(base, from, days, teacherId),
    queryFn: ({ signal }) => main.get(`${base}/appointments`, { params, signal }),
    enabled: ready,
    placeholderData: keepPreviousData, // the board stays while the next day or week comes
  });
}

/** A change on the board: the board, the free slots and the person's own lists are read again. */
function useBoardChange(mutationFn) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: ["privates"] }) });
}

/** {service_id, starts_at, teacher_id, user_id, use: pass|door|free, pass_id?, method?} → the booking made. */
export function useBookForClient() {
  const { main } = useApi();
  const { base } = useStudio();
  return useBoardChange((body) => main.post(`${base}/appointments`, body));
}

/** {appointmentId, starts_at, teacher_id} → the private at its new time. */
export function useMoveForClient() {
  const { main } = useApi();
  const { base } = useStudio();
  return useBoardChange(({ appointmentId, ...body }) => main.post(`${base}/appointments/${appointmentId}/move`, body));
}

/** {appointmentId, reason?} → the private cancelled by the studio: every payment and credit back. */
export function useCancelForClient() {
  const { main } = useApi();
  const { base } = useStudio();
  return useBoardChange(({ appointmentId, reason }) => main.post(`${base}/appointments/${appointmentId}/cancel`, reason ? { reason } : {}));
}

/** Every service the studio has made, retired ones too (appointments.manage). */
export function useStaffServices() {
  const { main } = useApi();
  const { base, ready } = useStudio();
  return useQuery({
    queryKey: staffKeys.services(base),
    queryFn: ({ signal }) => main.get(`${base}/appointment-services`, { signal }).then((answer) => answer.items),
    enabled: ready,
  });
}

/** {id?, ...fields} → the service made (no id) or changed. */
export function useSaveService() {
  const { main } = useApi();
  const { base } = useStudio();
  return useBoardChange(({ id, ...fields }) => (id ? main.patch(`${base}/appointment-services/${id}`, fields) : main.post(`${base}/appointment-services`, fields)));
}

/** The studio's booking window and cancellation rule for privates. */
export function useRules() {
  const { main } = useApi();
  const { base, ready } = useStudio();
  return useQuery({ queryKey: staffKeys.rules(base), queryFn: ({ signal }) => main.get(`${base}/appointment-rules`, { signal }), enabled: ready });
}

export function useSaveRules() {
  const { main } = useApi();
  const { base } = useStudio();
  return useBoardChange((rules) => main.put(`${base}/appointment-rules`, rules));
}

/** A teacher's weekly hours and exceptions from today on: another teacher's (teacherId) or my own (null). */
const hoursPath = (base, teacherId) => (teacherId ? `${base}/teachers/${teacherId}/hours` : `${base}/my-hours`);

export function useHours(teacherId) {
  const { main } = useApi();
  const { base, ready } = useStudio();
  return useQuery({
    queryKey: staffKeys.hours(base, teacherId),
    queryFn: ({ signal }) => main.get(hoursPath(base, teacherId), { signal }),
    enabled: ready,
  });
}

export function useSaveHours(teacherId) {
  const { main } = useApi();
  const { base } = useStudio();
  return useBoardChange((hours) => main.put(hoursPath(base, teacherId), hours));
}

/** My linked calendar: {linked, kind, host, username, read_at, written_at, last_error, stale}. */
export function useMyCalendar() {
  const { main } = useApi();
  const { base, ready } = useStudio();
  return useQuery({ queryKey: staffKeys.calendar(base), queryFn: ({ signal }) => main.get(`${base}/my-calendar`, { signal }), enabled: ready });
}

/** The calendar's answer replaces what was read; the board and slots are read again (its busy times count). */
function useCalendarChange(mutationFn) {
  const queryClient = useQueryClient();
  const { base } = useStudio();
  return useMutation({
    mutationFn,
    onSuccess: (state) => queryClient.setQueryData(staffKeys.calendar(base), state ?? { linked: false }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["privates"] }),
  });
}

/** {kind, url, username?, password?} → the calendar linked and read once. */
export function useLinkCalendar() {
  const { main } = useApi();
  const { base } = useStudio();
  return useCalendarChange((link) => main.put(`${base}/my-calendar`, link));
}

export function useSyncCalendar() {
  const { main } = useApi();
  const { base } = useStudio();
  return useCalendarChange(() => main.post(`${base}/my-calendar/sync`, {}));
}

export function useUnlinkCalendar() {
  const { main } = useApi();
  const { base } = useStudio();
  return useCalendarChange(() => main.delete(`${base}/my-calendar`).then(() => null));
}

/** The member roles that teach (services/studios TEACHING_ROLES): who can give a private. */
const TEACHING_ROLES = ["owner", "manager", "instructor"];

/** The studio's members who teach, as GET .../members lists them: [{user_id, name, role}] (members.view). */
export function useTeachingMembers() {
  const { main } = useApi();
  const { base, ready, can } = useStudio();
  return useQuery({
    queryKey: [...staffKeys.all, base, "members"],
    queryFn: ({ signal }) => main.get(`${base}/members`, { signal }).then((answer) => answer.items ?? []),
    select: (members) => members.filter((member) => TEACHING_ROLES.includes(member.role)),
    enabled: ready && can("members.view"),
  });
}
