/** The account page's "WhatsApp": whether messages about bookings go to the person on WhatsApp (GET/PUT
 *  /auth/me/whatsapp). The opt-in is the server's own words, in the app's language, shown as the box's label and sent
 *  back as shown; it is offered only for a number proved with a code, and a number that replied STOP hears nothing
 *  until it sends START. Saved as soon as the box is ticked or cleared. With WhatsApp on, texts go only as its
 *  fallback (docs/channels.md), which the box's help says. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { useChangeWhatsapp, useWhatsapp } from "../api.js";

/** What the section can say of a consent: "noPhone" (no proved number to offer), "stopped" (it replied STOP) or "open". */
export function whatsappState(consent) {
  if (!consent.phone || !consent.phone_verified || !consent.wording) return "noPhone";
  return consent.stopped ? "stopped" : "open";
}

function NoPhone() {
  const { t } = useTranslation("account");
  return (
    <>
      <p>{t("whatsapp.needsPhone")}</p>
      <p>
        <a href="#phone-heading">{t("whatsapp.goToPhone")}</a>
      </p>
    </>
  );
}

function Stopped({ number }) {
  const { t } = useTranslation("account");
  return (
    <div role="note">
      <p>{t("whatsapp.stopped", { number })}</p>
      <p>{t("whatsapp.restart")}</p>
    </div>
  );
}

/** The box labelled by the opt-in's words; ticking it sends them back (source "account"), clearing it opts out. */
function Switch({ consent }) {
  const { t } = useTranslation("account");
  const change = useChangeWhatsapp();
  const [said, setSaid] = useState(null);
  // While saving, the box shows what was asked for (set in the click's own render: the mutation's pending state
  // arrives a tick later, and a controlled box would flick back meanwhile); otherwise what the server holds.
  const [asked, setAsked] = useState(null);
  const checked = asked ?? Boolean(consent.opted_in);

  const onChange = (event) => {
    if (asked !== null || change.isPending) return; // one change at a time
    const wanted = event.target.checked;
    setSaid(null);
    setAsked(wanted);
    change.mutate(
      { opted_in: wanted, wording: consent.wording },
      { onSuccess: (answer) => setSaid(answer?.opted_in ? "on" : "off"), onSettled: () => setAsked(null) },
    );
  };

  return (
    <>
      <p className="muted">{consent.opted_in ? t("whatsapp.isOn", { number: consent.number ?? consent.phone }) : t("whatsapp.isOff")}</p>
      <div className="check-field">
        <input
          type="checkbox"
          id="whatsapp-opted-in"
          checked={checked}
          onChange={onChange}
          aria-describedby="whatsapp-help"
          aria-busy={asked !== null || undefined}
        />
        <label htmlFor="whatsapp-opted-in" lang={consent.wording_language || undefined}>
          {consent.wording}
        </label>
      </div>
      <p id="whatsapp-help" className="muted small-text">
        {t("whatsapp.help")} {t("whatsapp.textsOnlyIfFailed")}
      </p>
      <p role="status" className="save-status">
        {change.isPending ? t("form.saving") : said && (said === "on" ? t("whatsapp.savedOn") : t("whatsapp.savedOff"))}
      </p>
      <ErrorMessage error={change.error} title={t("whatsapp.notSaved")} />
    </>
  );
}

export function WhatsappSection() {
  const { t } = useTranslation("account");
  const consent = useWhatsapp();
  let content;
  if (consent.isPending) content = <Loading label={t("whatsapp.loading")} />;
  else if (consent.isError) content = <ErrorMessage error={consent.error} title={t("whatsapp.loadFailed")} onRetry={() => consent.refetch()} />;
  else {
    const state = whatsappState(consent.data);
    if (state === "noPhone") content = <NoPhone />;
    else if (state === "stopped") content = <Stopped number={consent.data.phone} />;
    else content = <Switch consent={consent.data} />;
  }
  return (
    <section aria-labelledby="whatsapp-heading" className="card account-section">
      <h2 id="whatsapp-heading">{t("whatsapp.heading")}</h2>
      {content}
    </section>
  );
}
