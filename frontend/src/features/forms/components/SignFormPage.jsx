/** /account/forms/:formId?studio=<slug>: one of a studio's forms to sign: the version's words and questions, the
 *  person's typed full name and drawn signature; once signed, the signed copy to download. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { FormAlert } from "../../../components/FormAlert.jsx";
import { InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { useAuth } from "../../../lib/auth.jsx";
import { childrenOf, useChildren } from "../../../lib/family.js";
import { paths } from "../../../lib/paths.js";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { useForm } from "../../../lib/use-form.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useMyForms, useSignForm } from "../api.js";
import { kindName } from "../wording.js";
import { Answers, answersToSend, missingAnswers } from "./Answers.jsx";
import { childFrom } from "./ForWhomLinks.jsx";
import { SignedCopyButton } from "./SignedCopyButton.jsx";
import { SignaturePadField } from "./SignaturePadField.jsx";
import "../forms.css";

const FIELDS = ["full_name", "signature", "answers"];

function BackLink({ slug, child }) {
  const { t } = useTranslation("forms");
  return (
    <p className="back-link">
      <Link to={paths.myForms(slug, child?.id)}>{t("sign.back")}</Link>
    </p>
  );
}

/** What the person reads and fills in for one version (for child, as their guardian); onSigned(signature) once the
 *  server kept it. */
function SignForm({ form, child, onSigned, onOutdated }) {
  const { t } = useTranslation("forms");
  const { user } = useAuth();
  const sign = useSignForm();
  const version = form.current_version;
  const check = (values) => {
    const found = missingAnswers(version.questions, values.answers, t("sign.answerThis"));
    if (values.full_name.trim().length < 2) found.full_name = t("sign.nameNeeded");
    if (!values.signature) found.signature = t("sign.signatureNeeded");
    return found;
  };
  const submit = async (values) => {
    const body = { version_id: version.id, full_name: values.full_name.trim(), signature: values.signature, answers: answersToSend(values.answers) };
    if (child) body.dependent_id = child.id;
    onSigned(await sign.mutateAsync({ formId: form.id, ...body }));
  };
  const signForm = useForm({
    initialValues: { full_name: user?.name ?? "", signature: null, answers: {} },
    validate: check,
    onSubmit: submit,
    onError: (error) => {
      if (error.status === 400) signForm.showBadRequest(error, FIELDS);
      else if (error.code === "form_version_outdated") onOutdated(error);
      else signForm.setFormError(error);
    },
  });
  const { formRef, values, errors } = signForm;
  const answer = (id, value) => {
    signForm.setValue("answers", { ...values.answers, [id]: value });
    signForm.setErrors((current) => ({ ...current, [id]: undefined, answers: undefined }));
  };
  return (
    <form ref={formRef} onSubmit={signForm.handleSubmit} noValidate className="card sign-form">
      <FormAlert error={signForm.formError?.message} />
      <Answers questions={version.questions} answers={values.answers} errors={errors} onChange={answer} />
      {errors.answers && <p className="field-error">{errors.answers}</p>}
      <InputField id="full_name" label={t("sign.fullName")} hint={t("sign.fullNameHint")} autoComplete="name" maxLength={200} {...signForm.field("full_name")} />
      <SignaturePadField id="signature" typedName={values.full_name} error={errors.signature} onChange={(url) => signForm.setValue("signature", url)} />
      <SubmitButton busy={signForm.busy} busyLabel={t("sign.signing")}>
        {t("sign.submit")}
      </SubmitButton>
    </form>
  );
}

function Signed({ signature, slug, child }) {
  const { t } = useTranslation("forms");
  const ref = useFocusOnAppear(signature.id);
  return (
    <div className="card signed-outcome">
      <h2 ref={ref} tabIndex={-1}>
        {t("sign.done")}
      </h2>
      <p>{t("sign.doneText")}</p>
      <div className="actions">
        <SignedCopyButton signatureId={signature.id} />
        <Link to={paths.myForms(slug, child?.id)}>{t("sign.backToForms")}</Link>
      </div>
    </div>
  );
}

export function SignFormPage() {
  const { t } = useTranslation("forms");
  const { formId } = useParams();
  const [search] = useSearchParams();
  const slug = search.get("studio") ?? "";
  const children = useChildren();
  const child = childFrom(search, childrenOf(children));
  // A child's forms are asked for once the family says who the child is (never the person's own meanwhile).
  const waitForChild = search.has("for") && children.isPending;
  const forms = useMyForms(waitForChild ? null : slug, child?.id);
  const [signed, setSigned] = useState(null);
  // A version published while the person read the last one: the new one replaces it, with the server's word why.
  const [outdated, setOutdated] = useState(null);
  const form = forms.data?.find((one) => String(one.id) === formId);
  const version = form?.current_version;
  usePageTitle(version?.title ?? t("sign.title"));
  let content;
  if (!slug) content = <p>{t("mine.noStudio")}</p>;
  else if (forms.isPending || waitForChild) content = <Loading label={t("sign.loading")} />;
  else if (forms.isError) content = <ErrorMessage error={forms.error} title={t("sign.loadFailed")} onRetry={() => forms.refetch()} />;
  else if (!form) content = <p>{t("sign.notFound")}</p>;
  else if (signed) content = <Signed signature={signed} slug={slug} child={child} />;
  else {
    content = (
      <>
        <p className="muted">{t("sign.versionLine", { kind: kindName(form.kind), number: version.number })}</p>
        {child && <p>{t("sign.forChild", { name: child.name })}</p>}
        {form.status === "current" && <p className="pill ok">{child ? t("sign.alreadySignedFor", { name: child.name }) : t("sign.alreadySigned")}</p>}
        <ErrorMessage error={outdated} />
        <div className="form-document" role="region" tabIndex={0} aria-label={t("sign.document")}>
          {version.body}
        </div>
        <SignForm key={version.id} form={form} child={child} onSigned={setSigned} onOutdated={setOutdated} />
      </>
    );
  }
  return (
    <section className="page narrow sign-form-page">
      <BackLink slug={slug} child={child} />
      <h1>{version?.title ?? t("sign.title")}</h1>
      {content}
    </section>
  );
}
