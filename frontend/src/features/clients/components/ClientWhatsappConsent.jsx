/** A client's WhatsApp consent at the desk, for members with clients.write: whether they opted in (the number by its
 *  last digits alone), and the two records the desk may make: an opt-in, after reading the client the opt-in's own
 *  words in their language (shown here, and sent back as read), or an opt-out. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { useClientWhatsappConsent, useRecordClientWhatsapp } from "../whatsapp-consent-api.js";

function stateText(t, consent) {
  if (consent.stopped) return t("whatsappConsent.stopped");
  return consent.opted_in ? t("whatsappConsent.optedIn", { number: consent.number_hint }) : t("whatsappConsent.notOptedIn");
}

/** The words to read out, and the button that records the opt-in with them. */
function ReadOut({ consent, record, onDone }) {
  const { t } = useTranslation("clients");
  if (!consent.wording) return <p>{t("whatsappConsent.noPhone")}</p>;
  return (
    <div className="whatsapp-read-out">
      <p>{t("whatsappConsent.readThis")}</p>
      <blockquote lang={consent.wording_language || undefined}>{consent.wording}</blockquote>
      <p className="actions">
        <button type="button" className="button primary" aria-disabled={record.isPending || undefined} onClick={() => record.isPending || record.mutate({ opted_in: true, wording: consent.wording }, { onSuccess: onDone })}>
          {t("whatsappConsent.confirmOptIn")}
        </button>
        <button type="button" className="button-link" onClick={onDone}>
          {t("consent.cancel")}
        </button>
      </p>
    </div>
  );
}

/** userId: the client's account (a guest has none: nothing shown); canWrite: clients.write. */
export function ClientWhatsappConsent({ userId, canWrite }) {
  const { t } = useTranslation("clients");
  const shown = Boolean(canWrite && userId);
  const consent = useClientWhatsappConsent(userId, shown);
  const record = useRecordClientWhatsapp(userId);
  const [reading, setReading] = useState(false);
  if (!shown) return null;
  let content;
  if (consent.isPending) content = <Loading label={t("whatsappConsent.loading")} />;
  else if (consent.isError) content = <ErrorMessage error={consent.error} title={t("whatsappConsent.loadFailed")} onRetry={() => consent.refetch()} />;
  else {
    const data = consent.data;
    content = (
      <>
        <p>{stateText(t, data)}</p>
        {reading ? (
          <ReadOut consent={data} record={record} onDone={() => setReading(false)} />
        ) : (
          <p className="actions">
            {!data.opted_in && (
              <button type="button" className="button secondary" onClick={() => setReading(true)}>
                {t("whatsappConsent.recordOptIn")}
              </button>
            )}
            {data.opted_in && (
              <button type="button" className="button secondary" aria-disabled={record.isPending || undefined} onClick={() => record.isPending || record.mutate({ opted_in: false })}>
                {t("whatsappConsent.recordOptOut")}
              </button>
            )}
          </p>
        )}
        <p role="status" className="save-status">
          {record.isPending ? t("consent.saving") : record.isSuccess && t(record.data.opted_in ? "whatsappConsent.savedOn" : "whatsappConsent.savedOff")}
        </p>
        <ErrorMessage error={record.error} title={t("whatsappConsent.notRecorded")} />
      </>
    );
  }
  return (
    <section aria-labelledby="client-whatsapp-consent">
      <h2 id="client-whatsapp-consent">{t("whatsappConsent.heading")}</h2>
      {content}
    </section>
  );
}
