/** /account/forms?studio=<slug>: the forms a studio asks its people to sign (GET /me/forms), each with whether the
 *  person signed its current version, and the person's signed copies. Without a studio: the signed copies alone. */
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useMyForms, useMySignatures } from "../api.js";
import { kindName, statusClass, statusText } from "../wording.js";
import { SignedCopyButton } from "./SignedCopyButton.jsx";
import "../forms.css";

function StudioForms({ slug }) {
  const { t } = useTranslation("forms");
  const forms = useMyForms(slug);
  if (forms.isPending) return <Loading label={t("mine.loading")} />;
  if (forms.isError) return <ErrorMessage error={forms.error} title={t("mine.loadFailed")} onRetry={() => forms.refetch()} />;
  if (!forms.data.length) return <EmptyState title={t("mine.none")} />;
  return (
    <ul className="form-list">
      {forms.data.map((form) => (
        <li key={form.id} className="card form-item">
          <h2 id={`form-${form.id}`}>{form.current_version.title}</h2>
          <p className="muted">{kindName(form.kind)}</p>
          <p>
            <span className={statusClass(form.status)}>{statusText(form.status)}</span>
            {form.required_before_first_booking && <span className="muted"> {t("mine.requiredFirst")}</span>}
          </p>
          <Link className="button primary small" to={paths.signForm(form.id, slug)} aria-describedby={`form-${form.id}`}>
            {form.status === "current" ? t("mine.read") : t("mine.sign")}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function SignedCopies() {
  const { t } = useTranslation("forms");
  const signatures = useMySignatures();
  if (signatures.isPending) return <Loading label={t("mine.loadingCopies")} />;
  if (signatures.isError) return <ErrorMessage error={signatures.error} title={t("mine.copiesFailed")} onRetry={() => signatures.refetch()} />;
  if (!signatures.data.length) return <p className="muted">{t("mine.noCopies")}</p>;
  return (
    <ul className="signed-copies">
      {signatures.data.map((signature) => (
        <li key={signature.id}>
          <span id={`signed-${signature.id}`}>
            {t("mine.copyLine", { name: signature.full_name, date: formatDateTime(signature.signed_at) })}
          </span>{" "}
          <SignedCopyButton signatureId={signature.id} describedBy={`signed-${signature.id}`} />
        </li>
      ))}
    </ul>
  );
}

export function MyFormsPage() {
  const { t } = useTranslation("forms");
  usePageTitle(t("mine.title"));
  const [search] = useSearchParams();
  const slug = search.get("studio") ?? "";
  return (
    <section className="page narrow my-forms-page">
      <p className="back-link">
        <Link to={paths.account}>{t("mine.back")}</Link>
      </p>
      <h1>{t("mine.title")}</h1>
      {slug ? <StudioForms slug={slug} /> : <p>{t("mine.noStudio")}</p>}
      <section aria-labelledby="signed-copies-heading">
        <h2 id="signed-copies-heading">{t("mine.copies")}</h2>
        <SignedCopies />
      </section>
    </section>
  );
}
