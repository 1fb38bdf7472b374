/** One member of the studio: who, their role (a select and Save when I may change it), when they joined, Remove. */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../../lib/format.js";
import { roleName } from "../../../lib/studio.jsx";

/** member, me (my user id), roles (the roles I may give), mayHandle (whether I may change or remove them), busy,
 *  onChangeRole(member, role), onRemove(member). */
export function MemberRow({ member, me, roles, mayHandle, busy, onChangeRole, onRemove }) {
  const { t } = useTranslation("studios");
  const [role, setRole] = useState(member.role);
  const selectId = useId();
  const changed = role !== member.role;
  const who = member.user_id === me ? t("members.you", { name: member.name }) : member.name;
  return (
    <tr>
      <td>
        <strong>{who}</strong>
      </td>
      <td data-label={t("members.columns.email")}>{member.email}</td>
      <td data-label={t("members.columns.role")}>
        {mayHandle ? (
          <span className="role-cell">
            <label htmlFor={selectId} className="visually-hidden">
              {t("members.roleOf", { name: member.name })}
            </label>
            <select id={selectId} value={role} onChange={(event) => setRole(event.target.value)} disabled={busy}>
              {roles.map((one) => (
                <option key={one} value={one}>
                  {roleName(one)}
                </option>
              ))}
            </select>
            {changed && (
              <button type="button" className="button secondary small" onClick={() => onChangeRole(member, role)} disabled={busy}>
                {t("members.saveRole", { name: member.name })}
              </button>
            )}
          </span>
        ) : (
          roleName(member.role)
        )}
      </td>
      <td data-label={t("members.columns.joined")}>{formatDate(member.joined_at)}</td>
      <td className="cell-action">
        {mayHandle && (
          <button type="button" className="button secondary small" onClick={() => onRemove(member)} disabled={busy}>
            {t("members.remove", { name: member.name })}
          </button>
        )}
      </td>
    </tr>
  );
}
