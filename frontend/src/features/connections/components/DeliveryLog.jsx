/** One webhook's delivery log, newest first, a page at a time: each delivery's kind, when, its state and last
 *  answer, with Send again (a dead or delivered one); and Send a test. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { Pagination } from "../../../components/Pagination.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { DELIVERY_STATES, EVENT_WORDS } from "../permissions.js";
import { useDeliveries, useRedeliver, useSendTest } from "../webhooks-api.js";

function answerWords(t, delivery) {
  if (delivery.last_status_code) return t("log.answered", { status: delivery.last_status_code });
  return delivery.last_error ? t("log.noAnswer") : t("log.notTried");
}

function DeliveryRow({ delivery, onAgain, busy }) {
  const { t } = useTranslation("connections");
  const kind = EVENT_WORDS[delivery.type] ? t(EVENT_WORDS[delivery.type]) : delivery.type;
  return (
    <tr>
      <td data-label={t("log.kind")}>{kind}</td>
      <td data-label={t("log.when")}>{formatDateTime(delivery.created_at)}</td>
      <td data-label={t("log.state")}>
        {t(DELIVERY_STATES[delivery.status])}
        {delivery.status === "pending" && delivery.attempts > 0 && delivery.next_attempt_at ? ` · ${t("log.nextTry", { when: formatDateTime(delivery.next_attempt_at) })}` : ""}
      </td>
      <td data-label={t("log.answer")}>{answerWords(t, delivery)}</td>
      <td>
        {delivery.status !== "pending" && (
          <button type="button" className="button secondary small" aria-disabled={busy || undefined} onClick={() => !busy && onAgain(delivery.id)}>
            {t("log.again")}
          </button>
        )}
      </td>
    </tr>
  );
}

export function DeliveryLog({ webhook }) {
  const { t } = useTranslation("connections");
  const [page, setPage] = useState(1);
  const log = useDeliveries(webhook.id, page);
  const again = useRedeliver(webhook.id);
  const test = useSendTest(webhook.id);
  const [said, setSaid] = useState(null);
  const queued = (words) => ({ onSuccess: () => setSaid(words) });
  if (log.isPending) return <Loading />;
  if (log.error) return <ErrorMessage error={log.error} title={t("log.notLoaded")} onRetry={() => log.refetch()} />;
  return (
    <section className="webhook-log" aria-label={t("log.title", { url: webhook.url })}>
      <button type="button" className="button secondary small" aria-disabled={test.isPending || undefined} onClick={() => !test.isPending && test.mutate(undefined, queued(t("log.testQueued")))}>
        {t("log.sendTest")}
      </button>
      {said && <SuccessMessage>{said}</SuccessMessage>}
      {(again.error || test.error) && <ErrorMessage error={again.error ?? test.error} title={t("log.notQueued")} />}
      {log.data.items.length === 0 ? (
        <p className="muted">{t("log.none")}</p>
      ) : (
        <table className="webhook-deliveries">
          <caption className="visually-hidden">{t("log.title", { url: webhook.url })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("log.kind")}</th>
              <th scope="col">{t("log.when")}</th>
              <th scope="col">{t("log.state")}</th>
              <th scope="col">{t("log.answer")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("log.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {log.data.items.map((delivery) => (
              <DeliveryRow key={delivery.id} delivery={delivery} busy={again.isPending} onAgain={(id) => again.mutate(id, queued(t("log.againQueued")))} />
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={log.data.page} pages={log.data.pages} onPage={setPage} busy={log.isFetching} label={t("log.pages")} />
    </section>
  );
}
