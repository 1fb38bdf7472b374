/** The check-in desk's "Sign at the desk" for a form a seat still needs: the form's current words and questions on
 *  the desk's screen, the signer's typed name (the booker: for a child, their guardian) and drawn signature, kept as
 *  the client's with the staff member who collected it. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useStudio } from "../../../lib/studio.jsx";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { FormAlert } from "../../../components/FormAlert.jsx";
import { InputField } from "../../../components/Field.jsx";
import { useCollectSignature, useStudioForms } from "../api.js";
import { Answers, answersToSend, missingAnswers } from "./Answers.jsx";
import { SignaturePadField } from "./SignaturePadField.jsx";

/** What is wrong before sending: {full_name?, signature?, <question id>?}. */
function problemsOf(t, version, values) {
  const found = missingAnswers(version.questions, values.answers, t("sign.answerThis"));
  if (values.fullName.trim().length < 2) found.full_name = t("sign.nameNeeded");
  if (!values.signature) found.signature = t("sign.signatureNeeded");
  return found;
}

/** seat: the roster's (booked_by, booked_by_id, child); missing: {document_id, title}; onDone(signed) closes it. */
function CollectDialog({ seat, missing, version, onDone }) {
  const { t } = useTranslation("forms");
  const collect = useCollectSignature();
  const [values, setValues] = useState({ fullName: seat.booked_by ?? "", signature: null, answers: {} });
  const [errors, setErrors] = useState({});
  const change = (field, value) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field === "fullName" ? "full_name" : field]: undefined }));
  };
  const confirm = () => {
    const found = problemsOf(t, version, values);
    setErrors(found);
    if (Object.keys(found).length) return;
    const body = { version_id: version.id, full_name: values.fullName.trim(), signature: values.signature, answers: answersToSend(values.answers) };
    if (seat.child) body.dependent_id = seat.child.id;
    collect.mutate({ userId: seat.booked_by_id, formId: missing.document_id, ...body }, { onSuccess: () => onDone(true) });
  };
  return (
    <ConfirmDialog title={t("desk.title", { form: version.title, name: seat.name })} confirmLabel={t("sign.submit")} cancelLabel={t("desk.notNow")} busy={collect.isPending} onConfirm={confirm} onCancel={() => onDone(false)}>
      <FormAlert error={collect.error?.message} />
      {seat.child && <p>{t("desk.forChild", { guardian: seat.booked_by, name: seat.child.name })}</p>}
      <div className="form-document" role="region" tabIndex={0} aria-label={t("sign.document")}>
        {version.body}
      </div>
      <Answers questions={version.questions} answers={values.answers} errors={errors} onChange={(id, value) => change("answers", { ...values.answers, [id]: value })} />
      <InputField id="desk-full-name" label={t("desk.fullName")} autoComplete="off" maxLength={200} value={values.fullName} error={errors.full_name} onChange={(event) => change("fullName", event.target.value)} />
      <SignaturePadField id="desk-signature" typedName={values.fullName} error={errors.signature} onChange={(url) => change("signature", url)} />
    </ConfirmDialog>
  );
}

/** A button per form the seat's person still needs, for whoever may collect signatures (forms.signatures: not an
 *  instructor); onSigned() once one is collected (the roster is read again). */
export function DeskSignButtons({ seat, onSigned }) {
  const { t } = useTranslation("forms");
  const { can } = useStudio();
  const forms = useStudioForms();
  const [open, setOpen] = useState(null);
  if (!can("forms.signatures")) return null;
  const versionOf = (missing) => forms.data?.find((form) => form.id === missing.document_id)?.current_version ?? null;
  return (
    <>
      {seat.forms_missing.map((missing) => (
        <button key={missing.document_id} type="button" className="button secondary small" disabled={!versionOf(missing)} onClick={() => setOpen(missing)}>
          {t("desk.signHere", { form: missing.title })}
        </button>
      ))}
      {open && versionOf(open) && (
        <CollectDialog
          seat={seat}
          missing={open}
          version={versionOf(open)}
          onDone={(signed) => {
            setOpen(null);
            if (signed) onSigned();
          }}
        />
      )}
    </>
  );
}
