/** /account: who is signed in (GET /auth/me; the name can change), the language the app and its messages are in,
 *  reminder emails on or off, texts and WhatsApp, billing details and signed forms (people who book), their
 *  private calendar feed (copy its address, or replace it) and a password change. */
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { useCopy } from "../../../lib/use-copy.js";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useAccount, useNewCalendarFeed } from "../api.js";
import { copiedText, copyByHand, feedExplanation } from "../wording.js";
import { BillingSection } from "./BillingSection.jsx";
import { DeleteAccountSection, MyDataSection } from "./DeleteAccountSection.jsx";
import { DetailsSection } from "./DetailsSection.jsx";
import { FamilySection } from "./FamilySection.jsx";
import { FormsSection } from "./FormsSection.jsx";
import { LanguageSection } from "./LanguageSection.jsx";
import { PasswordSection } from "./PasswordSection.jsx";
import { PhoneSection } from "./PhoneSection.jsx";
import { RemindersSection } from "./RemindersSection.jsx";
import { WhatsappSection } from "./WhatsappSection.jsx";
import "../account.css";


/** The feed's address in a read-only field with Copy ("Copied", or how to copy by hand), and "Make a new link". */
function CalendarFeed({ url }) {
  const { t } = useTranslation("account");
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
      <h2 id="calendar-feed-heading">{t("calendarFeed.heading")}</h2>
      <p id="calendar-feed-help">{feedExplanation()}</p>
      {renewed > 0 && (
        <div ref={renewedRef} tabIndex={-1} className="outcome">
          <SuccessMessage>{t("calendarFeed.renewed")}</SuccessMessage>
        </div>
      )}
      {url ? (
        <>
          <div className="field">
            <label htmlFor="calendar-feed-url">{t("calendarFeed.address")}</label>
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
              {t("calendarFeed.copy")}
            </button>
            <button type="button" className="button secondary small" onClick={openConfirm}>
              {t("calendarFeed.newLink")}
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="muted">{t("calendarFeed.unavailable")}</p>
          <div className="actions">
            <button type="button" className="button secondary small" onClick={openConfirm}>
              {t("calendarFeed.newLink")}
            </button>
          </div>
        </>
      )}
      <p role="status" className={`copy-status${copyStatus === "manual" ? " manual" : ""}`}>
        {copyStatus === "copied" && copiedText()}
        {copyStatus === "manual" && copyByHand()}
      </p>
      {confirming && (
        <ConfirmDialog
          title={t("calendarFeed.confirmTitle")}
          confirmLabel={t("calendarFeed.newLink")}
          cancelLabel={t("calendarFeed.keepLink")}
          danger
          busy={renew.isPending}
          onConfirm={makeNewLink}
          onCancel={() => setConfirming(false)}
        >
          <p>{t("calendarFeed.confirmBody")}</p>
          <ErrorMessage error={renew.error} title={t("calendarFeed.notReplaced")} />
        </ConfirmDialog>
      )}
    </section>
  );
}

export function AccountPage() {
  const { t } = useTranslation("account");
  usePageTitle(t("page.title"));
  const account = useAccount();
  let content;
  if (account.isPending) content = <Loading label={t("page.loading")} />;
  else if (account.isError) content = <ErrorMessage error={account.error} title={t("page.loadFailed")} onRetry={() => account.refetch()} />;
  else {
    content = (
      <>
        <DetailsSection account={account.data} />
        <LanguageSection account={account.data} />
        {/* Only people who book get reminders: staff run sessions. */}
        {account.data.role === "user" && <RemindersSection account={account.data} />}
        {account.data.role === "user" && <PhoneSection account={account.data} />}
        {account.data.role === "user" && <WhatsappSection />}
        {account.data.role === "user" && <BillingSection />}
        {account.data.role === "user" && <FamilySection />}
        {account.data.role === "user" && <FormsSection />}
        <CalendarFeed url={account.data.calendar_feed_url} />
        <PasswordSection username={account.data.email} />
        <MyDataSection />
        {account.data.role === "user" && <DeleteAccountSection />}
      </>
    );
  }
  return (
    <section className="page narrow account-page">
      <h1>{t("page.title")}</h1>
      {content}
    </section>
  );
}
