/** /account/forms?studio=<slug>[&for=<child id>]: the forms a studio asks its people to sign (GET /me/forms), each
 *  with whether the person (or, for a child of their family, a guardian for them) signed its current version, and
 *  the person's signed copies, each naming the child it was for. Without a studio: the signed copies alone. */
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { childrenOf, useChildren } from "../../../lib/family.js";
import { formatDateTime } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useMyForms, useMySignatures } from "../api.js";
import { kindName, statusClass, statusText } from "../wording.js";
import { childFrom, ForWhomLinks } from "./ForWhomLinks.jsx";
import { SignedCopyButton } from "./SignedCopyButton.jsx";
import "../forms.css";

/** child: {id, name} of the family's child whose forms these are, or null for the person's own. */
function StudioForms({ slug, child }) {
  const { t } = useTranslation("forms");
  const forms = useMyForms(slug, child?.id);
  if (forms.isPending) return <Loading label={t("mine.loading")} />;
  if (forms.isError) return <ErrorMessage error={forms.error} title={t("mine.loadFailed")} onRetry={() => forms.refetch()} />;
  if (!forms.data.length) return <EmptyState title={child ? t("mine.noneFor", { name: child.name }) : t("mine.none")} />;
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
          <Link className="button primary small" to={paths.signForm(form.id, slug, child?.id)} aria-describedby={`form-${form.id}`}>
            {form.status === "current" ? t("mine.read") : t("mine.sign")}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** names: the family's children's names by id, for the copies signed for them. */
function SignedCopies({ names }) {
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
            {signature.dependent_id != null && ` ${t("mine.copyFor", { name: names.get(signature.dependent_id) ?? t("mine.aChild") })}`}
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
  const family = useChildren();
  const children = childrenOf(family);
  const child = childFrom(search, children);
  const waitForChild = search.has("for") && family.isPending; // never the person's own forms meanwhile
  return (
    <section className="page narrow my-forms-page">
      <p className="back-link">
        <Link to={paths.account}>{t("mine.back")}</Link>
      </p>
      <h1>{child ? t("mine.titleFor", { name: child.name }) : t("mine.title")}</h1>
      {slug && <ForWhomLinks slug={slug} family={children} child={child?.id ?? null} />}
      {slug && waitForChild && <Loading label={t("mine.loading")} />}
      {slug && !waitForChild && <StudioForms key={child?.id ?? "me"} slug={slug} child={child} />}
      {!slug && <p>{t("mine.noStudio")}</p>}
      <section aria-labelledby="signed-copies-heading">
        <h2 id="signed-copies-heading">{t("mine.copies")}</h2>
        <SignedCopies names={new Map(children.map((one) => [one.id, one.name]))} />
      </section>
    </section>
  );
}
