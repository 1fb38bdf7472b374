/** "Teacher" on a session's page: who teaches this one session, and a substitute for it alone (the studio's members
 *  who teach; the rest of its event or series keeps its teacher), or for it and the later sessions of its weekly
 *  series. People booked see the new name on My bookings. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { useAssignTeacher, useTeachers } from "../teachers-api.js";
import { SaveNotice } from "./SaveNotice.jsx";
import { TeacherField } from "./TeacherField.jsx";

/** session: with its instructor {id, name}; shown to whoever manages events in a studio. */
export function TeacherSection({ session }) {
  const { t } = useTranslation("programme");
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
      setNotice({ text: t("teacher.nothingToSave") });
      return;
    }
    try {
      const answer = await assign.mutateAsync({ instructorId: value, following });
      const name = teachers.find((teacher) => String(teacher.user_id) === value)?.name ?? t("teacher.newTeacher");
      const count = answer?.session_ids?.length ?? 1;
      setChosen(null);
      setFollowing(false);
      const text = count > 1 ? t("teacher.savedSeries", { name, later: count - 1 }) : t("teacher.saved", { name });
      setNotice({ text, saved: true });
    } catch (failure) {
      setError(failure.details?.instructor_id ? { message: [].concat(failure.details.instructor_id).join(" ") } : failure);
    }
  };

  return (
    <section aria-labelledby="teacher-heading" className="session-section">
      <h2 id="teacher-heading">{t("teacher.heading")}</h2>
      <p className="muted">
        {session.instructor ? t("teacher.teaches", { name: session.instructor.name }) : t("teacher.nobody")} {t("teacher.substituteHint")}
      </p>
      <ErrorMessage error={error} title={t("teacher.failed")} />
      <SaveNotice notice={notice} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <fieldset className="plain-fieldset" disabled={cancelled}>
          <legend className="visually-hidden">{t("teacher.legend")}</legend>
          <TeacherField
            id="session-teacher"
            label={t("teacher.taughtBy")}
            teachers={teachers}
            value={value}
            onChange={(id) => {
              setChosen(id);
              setNotice(null);
            }}
          />
          {session.series_id != null && (
            <label className="check">
              <input type="checkbox" checked={following} onChange={(event) => setFollowing(event.target.checked)} /> {t("teacher.following")}
            </label>
          )}
          <div className="actions">
            <SubmitButton busy={assign.isPending} busyLabel={t("shared.saving")}>
              {t("teacher.save")}
            </SubmitButton>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
