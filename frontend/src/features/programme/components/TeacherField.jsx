/** "Teacher": which of the studio's members who teach (owners, managers, instructors) teaches the sessions a form
 *  makes, each named with their role; nothing when there is no one to choose from (a facilitator's own seed routes:
 *  the server then makes the caller the teacher). */
import { useTranslation } from "react-i18next";
import { Field } from "../../../components/Field.jsx";
import { roleName } from "../../../lib/studio.jsx";

export function TeacherField({ id, teachers, value, onChange, error, hint, label }) {
  const { t } = useTranslation("programme");
  if (!teachers?.length) return null;
  return (
    <Field id={id} label={label ?? t("teacherField.label")} error={error} hint={hint}>
      {(control) => (
        <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
          {teachers.map((teacher) => (
            <option key={teacher.user_id} value={String(teacher.user_id)}>
              {teacher.role ? t("teacherField.option", { name: teacher.name, role: roleName(teacher.role) }) : teacher.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
