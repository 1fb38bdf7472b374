/** On a client's page, for the roles that see signed forms (forms.signatures): what the client signed for the studio,
 *  newest first, with the typed name, when, whether it is the version people sign now, the answers and its signed
 *  copy (PDF). */
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { t as translate } from "../../../lib/i18n.js";
import { useStudio } from "../../../lib/studio.jsx";
import { useClientSignatures, useStudioForms } from "../api.js";
import { SignedCopyButton } from "./SignedCopyButton.jsx";
import "../forms.css";

/** "Yes", "No" or the text given. */
const answerText = (value) => (value === true ? translate("forms:sign.yes") : value === false ? translate("forms:sign.no") : String(value));

function SignatureItem({ signature, form, timeZone, userId }) {
  const { t } = useTranslation("forms");
  const version = form?.current_version;
  const current = version?.id === signature.version_id;
  // The current version's labels; an older version's questions are named by their ids (its PDF has the words).
  const labelOf = (id) => (current ? (version.questions.find((question) => question.id === id)?.label ?? id) : id);
  const answers = Object.entries(signature.answers ?? {});
  return (
    <li className="client-signature">
      <p>
        <strong>{form?.title ?? t("client.unknownForm", { id: signature.form_id })}</strong>{" "}
        <span className={current ? "pill ok" : "pill warn"}>{current ? t("client.current") : t("client.older")}</span>
      </p>
      <p className="muted" id={`client-signature-${signature.id}`}>
        {t("client.signedLine", { name: signature.full_name, date: formatDateTime(signature.signed_at, { timeZone }) })}
      </p>
      <SignedCopyButton signatureId={signature.id} clientId={userId} describedBy={`client-signature-${signature.id}`} />
      {answers.length > 0 && (
        <dl className="signature-answers">
          {answers.map(([id, value]) => (
            <div key={id}>
              <dt>{labelOf(id)}</dt>
              <dd>{answerText(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}

export function ClientForms({ userId }) {
  const { t } = useTranslation("forms");
  const { can, studio } = useStudio();
  const signatures = useClientSignatures(userId);
  const forms = useStudioForms();
  if (!can("forms.signatures") || userId == null) return null;
  let content;
  if (signatures.isPending) content = <Loading label={t("client.loading")} />;
  else if (signatures.isError) content = <ErrorMessage error={signatures.error} title={t("client.loadFailed")} onRetry={() => signatures.refetch()} />;
  else if (!signatures.data.length) content = <p className="muted">{t("client.none")}</p>;
  else {
    const formOf = (id) => forms.data?.find((form) => form.id === id);
    content = (
      <ul className="client-signatures">
        {signatures.data.map((signature) => (
          <SignatureItem key={signature.id} signature={signature} form={formOf(signature.form_id)} timeZone={studio?.timezone} userId={userId} />
        ))}
      </ul>
    );
  }
  return (
    <section aria-labelledby="client-forms-heading" className="card client-forms">
      <h2 id="client-forms-heading">{t("client.heading")}</h2>
      {content}
    </section>
  );
}
