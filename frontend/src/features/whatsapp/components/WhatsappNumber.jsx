/** Studio settings → "WhatsApp number" (studio.whatsapp: the owners): which number the studio's messages go through
 *  (its own, the platform's, or none), its own number's ids, the token's hint and the webhook's callback URL to give
 *  Meta's app; the form to connect or replace it, and its disconnection after a confirmation. */
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { formatDate } from "../../../lib/format.js";
import { useStudio } from "../../../lib/studio.jsx";
import { useDisconnectWhatsapp, useWhatsappNumber } from "../api.js";
import { WhatsappNumberForm } from "./WhatsappNumberForm.jsx";
import "../whatsapp.css";

// What the studio's messages go through, by GET's sends_through (null: no number at all), in the catalogue's keys.
const SENDS_THROUGH = { own: "number.through.own", install: "number.through.install" };
const throughKey = (settings) => SENDS_THROUGH[settings.sends_through] ?? "number.through.none";

/** What is set now: the number the messages go through and, for the studio's own, its ids and the token's hint. */
function Current({ settings }) {
  const { t } = useTranslation("whatsapp");
  return (
    <dl className="facts whatsapp-number-current">
      <dt>{t("number.sendsThrough")}</dt>
      <dd>{t(throughKey(settings))}</dd>
      {settings.connected && (
        <>
          <dt>{t("number.fields.phoneNumberId.label")}</dt>
          <dd>
            <code>{settings.phone_number_id}</code>
          </dd>
          <dt>{t("number.fields.businessAccountId.label")}</dt>
          <dd>
            <code>{settings.business_account_id}</code>
          </dd>
          <dt>{t("number.fields.accessToken.label")}</dt>
          <dd>
            <Trans t={t} i18nKey="number.tokenHint" values={{ hint: settings.secrets_hint, date: formatDate(settings.secrets_set_at) }} components={{ code: <code /> }} />
          </dd>
        </>
      )}
    </dl>
  );
}

/** The callback URL and verify token to give Meta's app: the URL exists once the studio's own number is connected. */
function Webhook({ settings }) {
  const { t } = useTranslation("whatsapp");
  if (!settings.webhook_url) return <p className="muted small-text">{t("number.webhookLater")}</p>;
  return (
    <div className="whatsapp-webhook">
      <h3>{t("number.webhookTitle")}</h3>
      <p>{t("number.webhookSteps")}</p>
      <code className="webhook-url">{settings.webhook_url}</code>
    </div>
  );
}

/** The Disconnect button and its confirmation; onDone(message) after it, or onFailed(error). */
function Disconnect({ settings, onDone, onFailed }) {
  const { t } = useTranslation("whatsapp");
  const disconnect = useDisconnectWhatsapp();
  const [confirming, setConfirming] = useState(false);
  const confirm = () =>
    disconnect.mutate(undefined, {
      onSuccess: (answer) => onDone(t(answer.sends_through === "install" ? "number.disconnected.install" : "number.disconnected.none")),
      onError: onFailed,
      onSettled: () => setConfirming(false),
    });
  return (
    <div className="actions">
      <button type="button" className="button danger" onClick={() => setConfirming(true)}>
        {t("number.disconnect")}
      </button>
      {confirming && (
        <ConfirmDialog title={t("number.confirm.title")} confirmLabel={t("number.confirm.yes")} cancelLabel={t("number.confirm.keep")} danger busy={disconnect.isPending} onConfirm={confirm} onCancel={() => setConfirming(false)}>
          <p>{t(settings.install_phone_number_id ? "number.confirm.bodyInstall" : "number.confirm.bodyNone")}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** For a studio's member with studio.whatsapp only. */
export function WhatsappNumber() {
  const { studio, can } = useStudio();
  if (!studio || !can("studio.whatsapp")) return null;
  return <NumberCard key={studio.slug} />;
}

function NumberCard() {
  const { t } = useTranslation("whatsapp");
  const number = useWhatsappNumber();
  const [saved, setSaved] = useState(null);
  const [failure, setFailure] = useState(null);
  // A disconnection empties the form (the ids it kept are no longer the studio's): it starts again, blank.
  const [disconnections, setDisconnections] = useState(0);
  const said = (message) => {
    setFailure(null);
    setSaved(message);
  };
  const disconnected = (message) => {
    said(message);
    setDisconnections((count) => count + 1);
  };
  let body;
  if (number.isPending) body = <Loading label={t("number.loading")} />;
  else if (number.isError) body = <ErrorMessage error={number.error} title={t("number.notLoaded")} onRetry={() => number.refetch()} />;
  else {
    const settings = number.data;
    body = (
      <>
        <Current settings={settings} />
        <Webhook settings={settings} />
        <SuccessMessage>{saved}</SuccessMessage>
        <ErrorMessage error={failure} title={t("number.notDisconnected")} />
        {settings.connected && <Disconnect settings={settings} onDone={disconnected} onFailed={setFailure} />}
        <WhatsappNumberForm key={disconnections} settings={settings} onSaved={said} />
      </>
    );
  }
  return (
    <section className="card whatsapp-number" aria-labelledby="whatsapp-number-heading">
      <h2 id="whatsapp-number-heading">{t("number.heading")}</h2>
      <p className="muted">{t("number.intro")}</p>
      {body}
    </section>
  );
}
