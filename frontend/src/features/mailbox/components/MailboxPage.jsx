/** /mailbox (development): the emails the main API wrote to its mail folder instead of sending them, newest first,
 *  and the one chosen (?message=<id>). No sign-in; in production the API has no mailbox and says 404. */
import { useIsFetching, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { isNoMailbox, mailboxKeys, useMailbox } from "../api.js";
import { MessageList } from "./MessageList.jsx";
import { MessageView } from "./MessageView.jsx";
import { TextList } from "./TextList.jsx";
import "../mailbox.css";

export const NO_MAILBOX = "The mailbox exists only in development.";

export function MailboxPage() {
  usePageTitle("Mailbox");
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
    content = <Loading label="Opening the mailbox…" />;
  } else if (mailbox.isError && isNoMailbox(mailbox.error)) {
    content = (
      <EmptyState title={NO_MAILBOX}>
        <p className="muted">Here the main API sends its emails through a mail server and keeps no copies to show.</p>
      </EmptyState>
    );
  } else if (!mailbox.data) {
    content = <ErrorMessage error={mailbox.error} title="The mailbox could not be read." onRetry={() => mailbox.refetch()} />;
  } else {
    const messages = mailbox.data.messages ?? [];
    content = (
      <>
        {mailbox.isError && <ErrorMessage error={mailbox.error} title="Couldn't refresh; the list may be out of date." onRetry={() => mailbox.refetch()} />}
        {messages.length === 0 ? (
          <EmptyState title="No emails yet.">
            <p className="muted">Book a session or ask for a password reset: the email lands here.</p>
          </EmptyState>
        ) : (
          <div className="mailbox-layout">
            <nav aria-label="Messages" className="mailbox-list">
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
          <h1>Mailbox</h1>
          <p className="muted small-text">
            Development only: the emails and texts the main API wrote
            {mailbox.data?.folder ? (
              <>
                {" "}
                to <code>{mailbox.data.folder}</code>
              </>
            ) : null}{" "}
            instead of sending them, newest first.
          </p>
        </div>
        {/* Not disabled while fetching, so the focus stays on it. */}
        <button type="button" className="button secondary" onClick={refresh} aria-busy={refreshing}>
          Refresh
        </button>
      </div>
      {content}
      {!(mailbox.isError && isNoMailbox(mailbox.error)) && <TextList />}
    </section>
  );
}
