/** "Teacher" on a session's page: who teaches this one session, and a substitute for it alone (the studio's members
 *  who teach; the rest of its event or series keeps its teacher), or for it and the later sessions of its weekly
 *  series. People booked see the new name on My bookings. */
import { useState } from "react";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { useAssignTeacher, useTeachers } from "../teachers-api.js";
import { SaveNotice } from "./SaveNotice.jsx";
import { TeacherField } from "./TeacherField.jsx";

/** session: with its instructor {id, name}; shown to whoever manages events in a studio. */
export function TeacherSection({ session }) {
  const members = useTeachers().data;
  const assign = useAssignTeacher(session.id);
  const current = session.instructor?.id != null ? String(session.instructor.id) : "";
  const [chosen, setChosen] = useState(null); // null: the session's own teacher
  const [notice, setNotice] = useState(null);
  const [error, setError] = useState(null);
  const [following, setFollowing] = useState(false); // the later sessions of its series too
  if (!members?.length) return null;
  // A past session's teacher may have left the studio since: still named, though no longer offered to others.
  const gone = current && !members.some((teacher) => String(teacher.user_id) === current);
  const teachers = gone ? [{ user_id: session.instructor.id, name: session.instructor.name, role: null }, ...members] : members;
  const value = chosen ?? current;
  const cancelled = session.status === "cancelled";

  const onSubmit = async (event) => {
    event.preventDefault();
    if (assign.isPending) return;
    setNotice(null);
    setError(null);
    if (value === current && !following) {
      setNotice({ text: "Nothing to save: choose someone else to teach this session." });
      return;
    }
    try {
      const answer = await assign.mutateAsync({ instructorId: value, following });
      const name = teachers.find((teacher) => String(teacher.user_id) === value)?.name ?? "The new teacher";
      const count = answer?.session_ids?.length ?? 1;
      const what = count > 1 ? `this session and the ${count - 1} after it in the series` : "this session";
      setChosen(null);
      setFollowing(false);
      setNotice({ text: `${name} now teaches ${what}. People booked see the new name in My bookings.`, saved: true });
    } catch (failure) {
      setError(failure.details?.instructor_id ? { message: [].concat(failure.details.instructor_id).join(" ") } : failure);
    }
  };

  return (
    <section aria-labelledby="teacher-heading" className="session-section">
      <h2 id="teacher-heading">Teacher</h2>
      <p className="muted">
        {session.instructor ? `${session.instructor.name} teaches this session.` : "Nobody is named to teach this session."} Choose a substitute to have someone
        else take this one session; the other sessions keep their teacher.
      </p>
      <ErrorMessage error={error} title="The teacher was not changed." />
      <SaveNotice notice={notice} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <fieldset className="plain-fieldset" disabled={cancelled}>
          <legend className="visually-hidden">Who teaches this session</legend>
          <TeacherField
            id="session-teacher"
            label="Taught by"
            teachers={teachers}
            value={value}
            onChange={(id) => {
              setChosen(id);
              setNotice(null);
            }}
          />
          {session.series_id != null && (
            <label className="check">
              <input type="checkbox" checked={following} onChange={(event) => setFollowing(event.target.checked)} /> And the later sessions of its
              weekly series (those not yet started)
            </label>
          )}
          <div className="actions">
            <SubmitButton busy={assign.isPending} busyLabel="Saving…">
              Save teacher
            </SubmitButton>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
