/** /facilitator/webhooks: the studio's webhooks (webhooks.manage), each with the news it hears, switched on or off,
 *  removed after asking, and its delivery log; a new one's signing secret is shown once. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { EVENT_WORDS } from "../permissions.js";
import { useChangeWebhook, useRemoveWebhook, useWebhooks } from "../webhooks-api.js";
import { DeliveryLog } from "./DeliveryLog.jsx";
import { WebhookForm } from "./WebhookForm.jsx";
import "../connections.css";

function NewSecret({ made, onDone }) {
  const { t } = useTranslation("connections");
  return (
    <section className="card token-new" aria-labelledby="webhook-new-title">
      <h2 id="webhook-new-title">{t("hooks.made.title", { url: made.url })}</h2>
      <p>{t("hooks.made.once")}</p>
      <label htmlFor="webhook-secret">{t("hooks.made.secret")}</label>
      <input id="webhook-secret" className="token-whole" readOnly value={made.secret} onFocus={(event) => event.target.select()} />
      <p className="muted small-text">{t("hooks.made.howToCheck")}</p>
      <button type="button" className="button primary" onClick={onDone}>
        {t("hooks.made.done")}
      </button>
    </section>
  );
}

function WebhookRow({ webhook, onRemove }) {
  const { t } = useTranslation("connections");
  const change = useChangeWebhook();
  const [open, setOpen] = useState(false);
  const kinds = webhook.event_types.map((type) => (EVENT_WORDS[type] ? t(EVENT_WORDS[type]) : type));
  return (
    <li className={`card token-row ${webhook.active ? "" : "token-revoked"}`}>
      <h3>
        <code>{webhook.url}</code>
      </h3>
      {webhook.description && <p>{webhook.description}</p>}
      <p className="token-state">{webhook.active ? t("hooks.on") : t("hooks.off")}{webhook.source === "api" ? ` · ${t("hooks.byTool")}` : ""}</p>
      <p>{t("hooks.hears", { kinds: kinds.join(", ") || t("hooks.nothing") })}</p>
      {change.error && <ErrorMessage error={change.error} title={t("hooks.notChanged")} />}
      <div className="actions">
        <button type="button" className="button secondary small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t("hooks.log")}
        </button>
        <button type="button" className="button secondary small" aria-disabled={change.isPending || undefined} onClick={() => !change.isPending && change.mutate({ id: webhook.id, active: !webhook.active })}>
          {webhook.active ? t("hooks.switchOff") : t("hooks.switchOn")}
        </button>
        <button type="button" className="button danger small" onClick={() => onRemove(webhook)}>
          {t("hooks.remove")}
        </button>
      </div>
      {open && <DeliveryLog webhook={webhook} />}
    </li>
  );
}

function RemoveDialog({ webhook, onClose }) {
  const { t } = useTranslation("connections");
  const remove = useRemoveWebhook();
  const confirm = () => !remove.isPending && remove.mutate(webhook.id, { onSuccess: onClose });
  return (
    <ConfirmDialog title={t("hooks.removeTitle", { url: webhook.url })} confirmLabel={t("hooks.removeConfirm")} danger busy={remove.isPending} onConfirm={confirm} onCancel={onClose}>
      <p>{t("hooks.removeBody")}</p>
      {remove.error && <ErrorMessage error={remove.error} title={t("hooks.notChanged")} />}
    </ConfirmDialog>
  );
}

export function WebhooksPage() {
  const { t } = useTranslation("connections");
  usePageTitle(t("hooks.title"));
  const hooks = useWebhooks();
  const [made, setMade] = useState(null);
  const [removing, setRemoving] = useState(null);
  if (hooks.isPending) return <Loading />;
  if (hooks.error) return <ErrorMessage error={hooks.error} title={t("hooks.notLoaded")} onRetry={() => hooks.refetch()} />;
  return (
    <div className="connections-page">
      <h1>{t("hooks.title")}</h1>
      <p className="muted">{t("hooks.intro")}</p>
      {made && <NewSecret made={made} onDone={() => setMade(null)} />}
      <section aria-labelledby="webhooks-title">
        <h2 id="webhooks-title">{t("hooks.listTitle")}</h2>
        {hooks.data.items.length === 0 && <p className="muted">{t("hooks.none")}</p>}
        <ul className="token-list">
          {hooks.data.items.map((webhook) => (
            <WebhookRow key={webhook.id} webhook={webhook} onRemove={setRemoving} />
          ))}
        </ul>
      </section>
      {!made && <WebhookForm catalogue={hooks.data.event_types} onMade={setMade} />}
      {removing && <RemoveDialog webhook={removing} onClose={() => setRemoving(null)} />}
    </div>
  );
}
