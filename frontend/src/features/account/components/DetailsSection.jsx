/** The account page's "Your details": the name, the name in another script and the birthday (which the person can set,
 *  change or remove), email (read-only: it is the login and where emails go) and role. */
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { SuccessMessage } from "../../../components/Feedback.jsx";
import { formatCalendarDay } from "../../../lib/format.js";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { BirthdayForm } from "./BirthdayForm.jsx";
import { NameForm } from "./NameForm.jsx";

// A birthday reads as a date with its year, without the weekday it fell on.
const BIRTHDAY_STYLE = "date";
const ROLE_NAMES = { user: "details.role.user", facilitator: "details.role.facilitator", admin: "details.role.admin" };

/** The link-like button that opens the names' form at `field`. */
function ChangeButton({ buttonRef, field, label, onEdit }) {
  return (
    <button ref={buttonRef} type="button" className="button-link" onClick={() => onEdit(field)}>
      {label}
    </button>
  );
}

export function DetailsSection({ account }) {
  const { t } = useTranslation("account");
  // The field being changed: "name" or "other_name" (the names' form opens at it) or "birthday"; null: closed.
  const [editing, setEditing] = useState(null);
  // Each save shows its message anew (and moves the focus to it): {text}; null: none.
  const [saved, setSaved] = useState(null);
  const savedRef = useFocusOnAppear(saved);
  // Closing the form unchanged puts the focus back on the button that opened it.
  const [closed, setClosed] = useState(null);
  const nameButton = useRef(null);
  const otherNameButton = useRef(null);
  const birthdayButton = useRef(null);
  useEffect(() => {
    const buttons = { other_name: otherNameButton, birthday: birthdayButton };
    if (closed) (buttons[closed.field] ?? nameButton).current?.focus();
  }, [closed]);

  const birthday = account.birthday ? formatCalendarDay(account.birthday, BIRTHDAY_STYLE) : null;
  const startEditing = (field) => {
    setSaved(null);
    setEditing(field);
  };
  const done = (message) => {
    if (message) setSaved({ text: message });
    else setClosed({ field: editing });
    setEditing(null);
  };

  return (
    <section aria-labelledby="account-details-heading" className="card account-section">
      <h2 id="account-details-heading">{t("details.heading")}</h2>
      {saved && (
        <div ref={savedRef} tabIndex={-1} className="outcome">
          <SuccessMessage>{saved.text}</SuccessMessage>
        </div>
      )}
      <dl className="account-details">
        <dt>{t("details.name")}</dt>
        <dd>
          {account.name}
          {!editing && <ChangeButton buttonRef={nameButton} field="name" label={t("details.changeName")} onEdit={startEditing} />}
        </dd>
        <dt>{t("details.otherName")}</dt>
        <dd>
          {account.other_name || <span className="muted">{t("details.noOtherName")}</span>}
          {!editing && <ChangeButton buttonRef={otherNameButton} field="other_name" label={account.other_name ? t("details.changeOtherName") : t("details.addOtherName")} onEdit={startEditing} />}
        </dd>
        <dt>{t("details.birthday")}</dt>
        <dd>
          {birthday || <span className="muted">{t("details.noBirthday")}</span>}
          {!editing && <ChangeButton buttonRef={birthdayButton} field="birthday" label={account.birthday ? t("details.changeBirthday") : t("details.addBirthday")} onEdit={startEditing} />}
        </dd>
        <dt>{t("details.email")}</dt>
        <dd>{account.email}</dd>
        <dt>{t("details.roleLabel")}</dt>
        <dd>{ROLE_NAMES[account.role] ? t(ROLE_NAMES[account.role]) : account.role}</dd>
      </dl>
      {editing === "birthday" && <BirthdayForm account={account} onDone={done} />}
      {editing && editing !== "birthday" && <NameForm account={account} focus={editing} onDone={done} />}
    </section>
  );
}
