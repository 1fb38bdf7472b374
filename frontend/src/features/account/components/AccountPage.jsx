/** /account: who is signed in (GET /auth/me; the name can change), reminder emails on or off (people who book), their
 *  private calendar feed (copy its address, or replace it) and a password change. */
import { useRef, useState } from "react";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { useCopy } from "../../../lib/use-copy.js";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useAccount, useNewCalendarFeed } from "../api.js";
import { BillingSection } from "./BillingSection.jsx";
import { DeleteAccountSection, MyDataSection } from "./DeleteAccountSection.jsx";
import { DetailsSection } from "./DetailsSection.jsx";
import { PasswordSection } from "./PasswordSection.jsx";
import { PhoneSection } from "./PhoneSection.jsx";
import { RemindersSection } from "./RemindersSection.jsx";
import "../account.css";

export const FEED_EXPLANATION = "Subscribe to this address in your calendar app; it lists your active bookings and updates by itself. Anyone with the link can see them.";
export const COPIED = "Copied";
export const COPY_BY_HAND = "Your browser didn't let us copy it. The address is selected: copy it from there (Ctrl+C, or ⌘C on a Mac).";

/** The feed's address in a read-only field with Copy ("Copied", or how to copy by hand), and "Make a new link". */
function CalendarFeed({ url }) {
  const renew = useNewCalendarFeed();
  const [confirming, setConfirming] = useState(false);
  const [renewed, setRenewed] = useState(0);
  const { copy, status: copyStatus } = useCopy(url);
  const inputRef = useRef(null);
  const renewedRef = useFocusOnAppear(renewed);

  const copyUrl = async () => {
    if (!(await copy())) {
      // Not allowed here (an insecure page, a refused permission, an old browser): select it for copying by hand.
      inputRef.current?.focus();
      inputRef.current?.select();
    }
  };

  const openConfirm = () => {
    renew.reset();
    setConfirming(true);
  };
  const makeNewLink = () =>
    renew.mutate(undefined, {
      onSuccess: () => {
        setConfirming(false);
        setRenewed((count) => count + 1);
      },
    });

  return (
    <section aria-labelledby="calendar-feed-heading" className="card account-section">
      <h2 id="calendar-feed-heading">Calendar feed</h2>
      <p id="calendar-feed-help">{FEED_EXPLANATION}</p>
      {renewed > 0 && (
        <div ref={renewedRef} tabIndex={-1} className="outcome">
          <SuccessMessage>This is your new link; the old one no longer works. Subscribe to the new one in your calendar app.</SuccessMessage>
        </div>
      )}
      {url ? (
        <>
          <div className="field">
            <label htmlFor="calendar-feed-url">Feed address</label>
            <input
              ref={inputRef}
              id="calendar-feed-url"
              className="feed-url"
              type="text"
              readOnly
              value={url}
              spellCheck={false}
              autoComplete="off"
              aria-describedby="calendar-feed-help"
              onFocus={(event) => event.target.select()}
            />
          </div>
          <div className="actions">
            <button type="button" className="button primary small" onClick={copyUrl}>
              Copy
            </button>
            <button type="button" className="button secondary small" onClick={openConfirm}>
              Make a new link
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="muted">Your feed's address isn't available right now.</p>
          <div className="actions">
            <button type="button" className="button secondary small" onClick={openConfirm}>
              Make a new link
            </button>
          </div>
        </>
      )}
      <p role="status" className={`copy-status${copyStatus === "manual" ? " manual" : ""}`}>
        {copyStatus === "copied" && COPIED}
        {copyStatus === "manual" && COPY_BY_HAND}
      </p>
      {confirming && (
        <ConfirmDialog
          title="Make a new link?"
          confirmLabel="Make a new link"
          cancelLabel="Keep this link"
          danger
          busy={renew.isPending}
          onConfirm={makeNewLink}
          onCancel={() => setConfirming(false)}
        >
          <p>The address you have now stops working: calendars subscribed to it stop showing your bookings until you subscribe to the new one.</p>
          <ErrorMessage error={renew.error} title="The link was not replaced." />
        </ConfirmDialog>
      )}
    </section>
  );
}

export function AccountPage() {
  usePageTitle("Your account");
  const account = useAccount();
  let content;
  if (account.isPending) content = <Loading label="Loading your account…" />;
  else if (account.isError) content = <ErrorMessage error={account.error} title="Couldn't load your account." onRetry={() => account.refetch()} />;
  else {
    content = (
      <>
        <DetailsSection account={account.data} />
        {/* Only people who book get reminders: staff run sessions. */}
        {account.data.role === "user" && <RemindersSection account={account.data} />}
        {account.data.role === "user" && <PhoneSection account={account.data} />}
        {account.data.role === "user" && <BillingSection />}
        <CalendarFeed url={account.data.calendar_feed_url} />
        <PasswordSection username={account.data.email} />
        <MyDataSection />
        {account.data.role === "user" && <DeleteAccountSection />}
      </>
    );
  }
  return (
    <section className="page narrow account-page">
      <h1>Your account</h1>
      {content}
    </section>
  );
}
