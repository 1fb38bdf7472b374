/** /mailbox (development): the emails the main API wrote to its mail folder instead of sending them, newest first,
 *  and the one chosen (?message=<id>). No sign-in; in production the API has no mailbox and says 404. */
import { useIsFetching, useQueryClient } from "@tanstack/react-query";
import { Trans, useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { isNoMailbox, mailboxKeys, useMailbox } from "../api.js";
import { MessageList } from "./MessageList.jsx";
import { MessageView } from "./MessageView.jsx";
import { TextList } from "./TextList.jsx";
import { WhatsappList } from "./WhatsappList.jsx";
import { noMailbox } from "../wording.js";
import "../mailbox.css";

export function MailboxPage() {
  const { t } = useTranslation("mailbox");
  usePageTitle(t("page.title"));
  const [searchParams] = useSearchParams();
  const selectedId = searchParams.get("message") ?? "";
  const mailbox = useMailbox();
  const queryClient = useQueryClient();
  const refreshing = useIsFetching({ queryKey: mailboxKeys.all }) > 0;
  const refresh = () => {
    if (!refreshing) queryClient.invalidateQueries({ queryKey: mailboxKeys.all });
  };

  let content;
  if (mailbox.isPending) {
    content = <Loading label={t("page.opening")} />;
  } else if (mailbox.isError && isNoMailbox(mailbox.error)) {
    content = (
      <EmptyState title={noMailbox()}>
        <p className="muted">{t("page.noMailboxHelp")}</p>
      </EmptyState>
    );
  } else if (!mailbox.data) {
    content = <ErrorMessage error={mailbox.error} title={t("page.readFailed")} onRetry={() => mailbox.refetch()} />;
  } else {
    const messages = mailbox.data.messages ?? [];
    content = (
      <>
        {mailbox.isError && <ErrorMessage error={mailbox.error} title={t("page.refreshFailed")} onRetry={() => mailbox.refetch()} />}
        {messages.length === 0 ? (
          <EmptyState title={t("page.noEmails")}>
            <p className="muted">{t("page.noEmailsHelp")}</p>
          </EmptyState>
        ) : (
          <div className="mailbox-layout">
            <nav aria-label={t("page.messages")} className="mailbox-list">
              <MessageList messages={messages} selectedId={selectedId} now={mailbox.dataUpdatedAt} />
            </nav>
            <div className="mailbox-reader">
              <MessageView id={selectedId} />
            </div>
          </div>
        )}
      </>
    );
  }

  return (
    <section className="page mailbox">
      <div className="mailbox-head">
        <div>
          <h1>{t("page.title")}</h1>
          <p className="muted small-text">
            {mailbox.data?.folder ? (
              <Trans t={t} i18nKey="page.introFolder" values={{ folder: mailbox.data.folder }} components={{ code: <code /> }} />
            ) : (
              t("page.intro")
            )}
          </p>
        </div>
        {/* Not disabled while fetching, so the focus stays on it. */}
        <button type="button" className="button secondary" onClick={refresh} aria-busy={refreshing}>
          {t("page.refresh")}
        </button>
      </div>
      {content}
      {!(mailbox.isError && isNoMailbox(mailbox.error)) && (
        <>
          <TextList />
          <WhatsappList />
        </>
      )}
    </section>
  );
}
