/** "Your family": the children on the account (no login of their own; booked for, signed for and messaged through
 *  it), adding one with the guardian's consent in the words the API gives, removing one, and inviting a second
 *  guardian by email. */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { Field, InputField } from "../../../components/Field.jsx";
import { fieldErrorsFrom } from "../../../lib/field-errors.js";
import { formatCalendarDay } from "../../../lib/format.js";
import { isGrown, useAddChild, useChildren, useGiveOwnLogin, useInviteGuardian, useRemoveChild } from "../family.js";

const EMPTY = { name: "", date_of_birth: "", notes_for_teacher: "", consent: false };

/** Name, date of birth, notes for the teacher and the consent's words with its box; onAdded(name) once added. */
function AddChildForm({ consent, onAdded }) {
  const { t } = useTranslation("account");
  const add = useAddChild();
  const prefix = useId();
  const [values, setValues] = useState(EMPTY);
  const errors = fieldErrorsFrom(add.error);
  const set = (name) => (event) => setValues((old) => ({ ...old, [name]: event.target.type === "checkbox" ? event.target.checked : event.target.value }));
  const submit = (event) => {
    event.preventDefault();
    const body = { ...values, name: values.name.trim(), notes_for_teacher: values.notes_for_teacher.trim() || null };
    add.mutate(body, { onSuccess: (child) => (setValues(EMPTY), onAdded(child.name)) });
  };
  return (
    <form className="form" onSubmit={submit} aria-label={t("family.add")} noValidate>
      <InputField id={`${prefix}-name`} label={t("family.name")} value={values.name} onChange={set("name")} error={errors.name} maxLength={200} required />
      <InputField id={`${prefix}-born`} type="date" label={t("family.born")} value={values.date_of_birth} onChange={set("date_of_birth")} error={errors.date_of_birth} required />
      <Field id={`${prefix}-notes`} label={t("family.notes")} hint={t("family.notesHint")} error={errors.notes_for_teacher}>
        {(control) => <textarea {...control} rows={2} maxLength={500} value={values.notes_for_teacher} onChange={set("notes_for_teacher")} />}
      </Field>
      <p className="consent-words">{consent.wording}</p>
      <label className="check">
        <input type="checkbox" checked={values.consent} onChange={set("consent")} aria-invalid={errors.consent ? "true" : undefined} aria-describedby={errors.consent ? `${prefix}-consent-error` : undefined} /> {t("family.consent")}
      </label>
      {errors.consent && (
        <p id={`${prefix}-consent-error`} className="field-error">
          {errors.consent}
        </p>
      )}
      {add.error && !Object.keys(errors).length && <ErrorMessage error={add.error} title={t("family.notAdded")} />}
      <div className="actions">
        <button type="submit" className="button" disabled={add.isPending}>
          {add.isPending ? t("form.saving") : t("family.addButton")}
        </button>
      </div>
    </form>
  );
}

/** A grown child's own login: the address an account is made at, taking their bookings; onGiven(name, email). */
function OwnLoginDialog({ child, onGiven, onCancel }) {
  const { t } = useTranslation("account");
  const give = useGiveOwnLogin();
  const id = useId();
  const [email, setEmail] = useState("");
  const errors = fieldErrorsFrom(give.error);
  const confirm = () => give.mutate({ childId: child.id, email: email.trim() }, { onSuccess: (given) => onGiven(child.name, given.email) });
  return (
    <ConfirmDialog title={t("family.ownLoginTitle", { name: child.name })} confirmLabel={t("family.ownLoginConfirm")} cancelLabel={t("family.ownLoginCancel")} busy={give.isPending} onCancel={onCancel} onConfirm={confirm}>
      <p>{t("family.ownLoginText", { name: child.name })}</p>
      <InputField id={`${id}-email`} type="email" label={t("family.ownLoginEmail", { name: child.name })} value={email} onChange={(event) => setEmail(event.target.value)} error={errors.email} autoComplete="off" required />
      {give.error && !errors.email && <ErrorMessage error={give.error} title={t("family.ownLoginFailed")} />}
    </ConfirmDialog>
  );
}

/** One child: name, date of birth, notes, Remove (after confirming) and, once 18, their own login. */
function ChildRow({ child, onRemoved, onGiven }) {
  const { t } = useTranslation("account");
  const remove = useRemoveChild();
  const [confirming, setConfirming] = useState(false);
  const [giving, setGiving] = useState(false);
  return (
    <li>
      <strong>{child.name}</strong> · {t("family.bornOn", { day: formatCalendarDay(child.date_of_birth, "long") })}
      {child.notes_for_teacher && <p className="muted small-text">{child.notes_for_teacher}</p>}
      <button type="button" className="button-link" onClick={() => (remove.reset(), setConfirming(true))}>
        {t("family.remove", { name: child.name })}
      </button>
      {isGrown(child.date_of_birth) && (
        <button type="button" className="button-link" onClick={() => setGiving(true)}>
          {t("family.ownLogin", { name: child.name })}
        </button>
      )}
      {giving && <OwnLoginDialog child={child} onCancel={() => setGiving(false)} onGiven={(name, email) => (setGiving(false), onGiven(name, email))} />}
      {confirming && (
        <ConfirmDialog title={t("family.removeTitle", { name: child.name })} confirmLabel={t("family.removeConfirm")} danger busy={remove.isPending} onCancel={() => setConfirming(false)} onConfirm={() => remove.mutate(child.id, { onSuccess: () => (setConfirming(false), onRemoved(child.name)) })}>
          <p>{t("family.removeText")}</p>
          <ErrorMessage error={remove.error} title={t("family.notRemoved")} />
        </ConfirmDialog>
      )}
    </li>
  );
}

/** The second guardian's invitation: an email address, sent a link. */
function InviteForm() {
  const { t } = useTranslation("account");
  const invite = useInviteGuardian();
  const id = useId();
  const [email, setEmail] = useState("");
  const errors = fieldErrorsFrom(invite.error);
  const submit = (event) => {
    event.preventDefault();
    invite.mutate(email.trim());
  };
  return (
    <form className="form" onSubmit={submit} aria-label={t("family.invite")} noValidate>
      <InputField id={`${id}-email`} type="email" label={t("family.inviteEmail")} hint={t("family.inviteHint")} value={email} onChange={(event) => setEmail(event.target.value)} error={errors.email} autoComplete="off" required />
      {invite.isSuccess && <SuccessMessage>{t("family.invited", { email: invite.data.email })}</SuccessMessage>}
      {invite.error && !errors.email && <ErrorMessage error={invite.error} title={t("family.notInvited")} />}
      <div className="actions">
        <button type="submit" className="button secondary" disabled={invite.isPending}>
          {t("family.inviteButton")}
        </button>
      </div>
    </form>
  );
}

export function FamilySection() {
  const { t } = useTranslation("account");
  const children = useChildren();
  const [outcome, setOutcome] = useState(null);
  let body;
  if (children.isPending) body = <Loading label={t("family.loading")} />;
  else if (children.isError) body = <ErrorMessage error={children.error} title={t("family.loadFailed")} onRetry={() => children.refetch()} />;
  else {
    body = (
      <>
        {children.data.items.length ? (
          <ul className="family-children">
            {children.data.items.map((child) => (
              <ChildRow key={child.id} child={child} onRemoved={(name) => setOutcome(t("family.removed", { name }))} onGiven={(name, email) => setOutcome(t("family.ownLoginGiven", { name, email }))} />
            ))}
          </ul>
        ) : (
          <p className="muted">{t("family.none")}</p>
        )}
        <h3>{t("family.add")}</h3>
        <AddChildForm consent={children.data.consent} onAdded={(name) => setOutcome(t("family.added", { name }))} />
        <h3>{t("family.invite")}</h3>
        <InviteForm />
      </>
    );
  }
  return (
    <section aria-labelledby="account-family-heading" className="card account-section">
      <h2 id="account-family-heading">{t("family.heading")}</h2>
      <p>{t("family.text")}</p>
      {outcome && <SuccessMessage>{outcome}</SuccessMessage>}
      {body}
    </section>
  );
}
