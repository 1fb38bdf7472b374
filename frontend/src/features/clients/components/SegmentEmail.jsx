/** "Email this segment": a subject and a plain-text message, a Preview (the main API's dry run: how many clients
 *  get it, who is left out, what is left of today's cap), then "Send to 12 clients". The main API picks the
 *  recipients (the segment's clients with marketing consent); a field it refuses shows beside it, the rest above. */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { Field, InputField } from "../../../components/Field.jsx";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { useForm } from "../../../lib/use-form.js";
import { useSegmentEmail } from "../marketing-api.js";
import { MAX_SUBJECT, MAX_TEXT, marketingError, previewBlock, previewText, sendLabel, validateEmail } from "../marketing-words.js";

const FIELDS = ["subject", "text"];

/** The dry run's count and, when it may go, the send button. */
function Preview({ preview, segmentCount, sending, onSend }) {
  const ref = useFocusOnAppear(preview);
  const block = previewBlock(preview);
  return (
    <div ref={ref} tabIndex={-1} className="segment-email-preview">
      <p role="status">{previewText(preview, segmentCount)}</p>
      {block ? (
        <p className="field-error">{block}</p>
      ) : (
        <p className="actions">
          <button type="button" className="button primary" aria-disabled={sending || undefined} aria-busy={sending} onClick={() => !sending && onSend()}>
            {sendLabel(preview.recipients)}
          </button>
        </p>
      )}
    </div>
  );
}

function MessageField({ id, error, value, onChange }) {
  const { t } = useTranslation("clients");
  return (
    <Field id={id} label={t("email.message")} hint={t("email.messageHint")} error={error}>
      {(control) => <textarea {...control} name="text" rows={8} maxLength={MAX_TEXT} value={value} onChange={onChange} />}
    </Field>
  );
}

/** segment: the picked {id, name, count}; onSent(sent) with the main API's answer once the emails are queued. */
export function SegmentEmailForm({ segment, onSent, onCancel }) {
  const { t } = useTranslation("clients");
  const id = useId();
  const dryRun = useSegmentEmail();
  const send = useSegmentEmail();
  const [preview, setPreview] = useState(null); // the dry run's answer for the words as they stand
  const refuse = (error) => (error.status === 400 ? form.showBadRequest(error, FIELDS) : form.setFormError(marketingError(error)));
  const form = useForm({
    initialValues: { subject: "", text: "" },
    validate: validateEmail,
    onSubmit: async (values) => setPreview(await dryRun.mutateAsync({ segmentId: segment.id, subject: values.subject.trim(), text: values.text, dry_run: true })),
    onError: refuse,
  });
  const { formRef, values } = form;
  // New words need a new preview: what was counted is not what would go.
  const change = (event) => {
    setPreview(null);
    form.handleChange(event);
  };
  const sendNow = () => {
    form.setFormError(null);
    send.mutate({ segmentId: segment.id, subject: values.subject.trim(), text: values.text, dry_run: false }, { onSuccess: onSent, onError: refuse });
  };
  return (
    <form ref={formRef} className="segment-form segment-email" aria-labelledby={`${id}-title`} onSubmit={form.handleSubmit} noValidate>
      <h2 id={`${id}-title`}>{t("email.heading")}</h2>
      <p className="muted small-text">{t("email.intro", { name: segment.name })}</p>
      <ErrorMessage error={form.formError} />
      <InputField id={`${id}-subject`} label={t("email.subject")} autoComplete="off" maxLength={MAX_SUBJECT} {...form.field("subject")} onChange={change} />
      <MessageField id={`${id}-text`} error={form.errors.text} value={values.text} onChange={change} />
      {preview && <Preview preview={preview} segmentCount={segment.count} sending={send.isPending} onSend={sendNow} />}
      <p className="actions">
        {!preview && (
          <button type="submit" className="button secondary" aria-disabled={form.busy || undefined}>
            {form.busy ? t("email.counting") : t("email.preview")}
          </button>
        )}
        <button type="button" className="button-link" onClick={onCancel}>
          {t("email.cancel")}
        </button>
      </p>
    </form>
  );
}
