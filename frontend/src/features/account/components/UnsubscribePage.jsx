/** /unsubscribe?token=…: reached from a reminder email's footer, signed in or not. One button turns that account's
 *  reminder emails off (POST /auth/reminders/unsubscribe?token=…); nothing happens by merely opening the page.
 *  With &guest=1 (a guest email's footer: someone booked this address a seat) the button stops every email to the
 *  address that a booking causes (POST /auth/guest-emails/unsubscribe?token=…). */
import { Link, useSearchParams } from "react-router";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { paths } from "../../../lib/paths.js";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useUnsubscribeGuestEmails, useUnsubscribeReminders } from "../api.js";
import "../account.css";

export const LINK_NOT_VALID = "This link is not valid.";

export function UnsubscribePage() {
  const [searchParams] = useSearchParams();
  return searchParams.get("guest") === "1" ? <GuestUnsubscribe /> : <RemindersUnsubscribe />;
}

function GuestUnsubscribe() {
  usePageTitle("Stop emails about seats booked for you");
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
          {LINK_NOT_VALID}
        </div>
      </div>
    );
  } else if (unsubscribe.isSuccess) {
    content = (
      <div ref={outcomeRef} tabIndex={-1} className="outcome">
        <SuccessMessage>Done: no more emails go to this address when someone books you a seat.</SuccessMessage>
      </div>
    );
  } else {
    content = (
      <>
        <p>Someone gave this address when they booked you a seat. Stop every email like that to it, from anyone?</p>
        <ErrorMessage error={unsubscribe.error} title="The emails are still on." />
        <div className="actions">
          <button
            type="button"
            className="button primary"
            onClick={() => !unsubscribe.isPending && unsubscribe.mutate(token)}
            aria-disabled={unsubscribe.isPending || undefined}
          >
            {unsubscribe.isPending ? "Stopping…" : "Stop these emails"}
          </button>
        </div>
      </>
    );
  }

  return (
    <section className="page narrow">
      <h1>Emails about seats booked for you</h1>
      <div className="card account-section unsubscribe">{content}</div>
    </section>
  );
}

function RemindersUnsubscribe() {
  usePageTitle("Turn off reminder emails");
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
          {LINK_NOT_VALID} You can turn reminders off from your <Link to={paths.account}>account page</Link>.
        </div>
      </div>
    );
  } else if (unsubscribe.isSuccess) {
    content = (
      <div ref={outcomeRef} tabIndex={-1} className="outcome">
        <SuccessMessage>
          Reminders are off. You can turn them back on from your <Link to={paths.account}>account page</Link>.
        </SuccessMessage>
      </div>
    );
  } else {
    content = (
      <>
        <p>You'll no longer get an email 24 hours and 2 hours before each session you book.</p>
        <p className="muted">Confirmations, changes and cancellations of your bookings are still emailed to you.</p>
        <ErrorMessage error={unsubscribe.error} title="Reminders are still on." />
        <div className="actions">
          <button
            type="button"
            className="button primary"
            onClick={() => !unsubscribe.isPending && unsubscribe.mutate(token)}
            aria-disabled={unsubscribe.isPending || undefined}
          >
            {unsubscribe.isPending ? "Turning off…" : "Turn off reminders"}
          </button>
        </div>
      </>
    );
  }

  return (
    <section className="page narrow">
      <h1>{asking ? "Turn off reminder emails?" : "Reminder emails"}</h1>
      <div className="card account-section unsubscribe">{content}</div>
    </section>
  );
}
