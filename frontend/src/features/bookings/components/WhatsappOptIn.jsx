/** The booking dialog's WhatsApp box: "Send my booking messages on WhatsApp too", with the opt-in's exact words
 *  beneath it in the person's language (the server's, sent back as shown when ticked). Offered only to a person with
 *  a proved number who has not opted in and whose number has not replied STOP (offersWhatsapp). */
import { useTranslation } from "react-i18next";

/** consent: GET /auth/me/whatsapp's answer; checked/onChange: the box. */
export function WhatsappOptIn({ idPrefix, consent, checked, onChange }) {
  const { t } = useTranslation("bookings");
  const id = `${idPrefix}-whatsapp`;
  return (
    <div className="whatsapp-opt-in">
      <div className="check-field">
        <input type="checkbox" id={id} checked={checked} onChange={(event) => onChange(event.target.checked)} aria-describedby={`${id}-words`} />
        <label htmlFor={id}>{t("book.whatsapp")}</label>
      </div>
      <p id={`${id}-words`} className="muted small-text" lang={consent.wording_language || undefined}>
        {consent.wording}
      </p>
    </div>
  );
}
