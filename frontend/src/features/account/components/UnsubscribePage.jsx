/** /unsubscribe?token=…: reached from a reminder email's footer, signed in or not. One button turns that account's
 *  reminder emails off (POST /auth/reminders/unsubscribe?token=…); nothing happens by merely opening the page.
 *  With &guest=1 (a guest email's footer: someone booked this address a seat) the button stops every email to the
 *  address that a booking causes (POST /auth/guest-emails/unsubscribe?token=…). */
import { Trans, useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { paths } from "../../../lib/paths.js";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useUnsubscribeGuestEmails, useUnsubscribeReminders } from "../api.js";
import { linkNotValid } from "../wording.js";
import "../account.css";

export function UnsubscribePage() {
  const [searchParams] = useSearchParams();
  return searchParams.get("guest") === "1" ? <GuestUnsubscribe /> : <RemindersUnsubscribe />;
}

function GuestUnsubscribe() {
  const { t } = useTranslation("account");
  usePageTitle(t("unsubscribe.guestTitle"));
  const [searchParams] = useSearchParams();
  const token = (searchParams.get("token") ?? "").trim();
  const unsubscribe = useUnsubscribeGuestEmails();
  const refused = unsubscribe.error?.code === "invalid_token";
  const outcomeRef = useFocusOnAppear(unsubscribe.isSuccess || refused);

  let content;
  if (!token || refused) {
    content = (
      <div ref={outcomeRef} tabIndex={-1} className="outcome">
        <div className="alert alert-error" role="alert">
          {linkNotValid()}
        </div>
      </div>
    );
  } else if (unsubscribe.isSuccess) {
    content = (
      <div ref={outcomeRef} tabIndex={-1} className="outcome">
        <SuccessMessage>{t("unsubscribe.guestDone")}</SuccessMessage>
      </div>
    );
  } else {
    content = (
      <>
        <p>{t("unsubscribe.guestAsk")}</p>
        <ErrorMessage error={unsubscribe.error} title={t("unsubscribe.guestStillOn")} />
        <div className="actions">
          <button
            type="button"
            className="button primary"
            onClick={() => !unsubscribe.isPending && unsubscribe.mutate(token)}
            aria-disabled={unsubscribe.isPending || undefined}
          >
            {unsubscribe.isPending ? t("unsubscribe.stopping") : t("unsubscribe.stop")}
          </button>
        </div>
      </>
    );
  }

  return (
    <section className="page narrow">
      <h1>{t("unsubscribe.guestHeading")}</h1>
      <div className="card account-section unsubscribe">{content}</div>
    </section>
  );
}

function RemindersUnsubscribe() {
  const { t } = useTranslation("account");
  usePageTitle(t("unsubscribe.remindersTitle"));
  const [searchParams] = useSearchParams();
  const token = (searchParams.get("token") ?? "").trim();
  const unsubscribe = useUnsubscribeReminders();
  const refused = unsubscribe.error?.code === "invalid_token";
  const outcomeRef = useFocusOnAppear(unsubscribe.isSuccess || refused);

  const asking = Boolean(token) && !refused && !unsubscribe.isSuccess;
  let content;
  if (!token || refused) {
    content = (
      <div ref={outcomeRef} tabIndex={-1} className="outcome">
        <div className="alert alert-error" role="alert">
          {linkNotValid()} <Trans t={t} i18nKey="unsubscribe.turnOffFromAccount" components={{ account: <Link to={paths.account} /> }} />
        </div>
      </div>
    );
  } else if (unsubscribe.isSuccess) {
    content = (
      <div ref={outcomeRef} tabIndex={-1} className="outcome">
        <SuccessMessage>
          <Trans t={t} i18nKey="unsubscribe.remindersOff" components={{ account: <Link to={paths.account} /> }} />
        </SuccessMessage>
      </div>
    );
  } else {
    content = (
      <>
        <p>{t("unsubscribe.remindersAsk")}</p>
        <p className="muted">{t("unsubscribe.stillEmailed")}</p>
        <ErrorMessage error={unsubscribe.error} title={t("unsubscribe.remindersStillOn")} />
        <div className="actions">
          <button
            type="button"
            className="button primary"
            onClick={() => !unsubscribe.isPending && unsubscribe.mutate(token)}
            aria-disabled={unsubscribe.isPending || undefined}
          >
            {unsubscribe.isPending ? t("unsubscribe.turningOff") : t("unsubscribe.turnOff")}
          </button>
        </div>
      </>
    );
  }

  return (
    <section className="page narrow">
      <h1>{asking ? t("unsubscribe.remindersAskTitle") : t("unsubscribe.remindersHeading")}</h1>
      <div className="card account-section unsubscribe">{content}</div>
    </section>
  );
}
