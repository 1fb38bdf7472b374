/** /facilitator/api: the studio's API tokens for its own tools (studio.tokens: its owners). Each reads with what it may
 *  do, who made it, when it was last used and when it expires; a new one is shown once, to copy; revoking one asks
 *  first and takes effect at once. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useApiTokens, useRevokeApiToken } from "../api.js";
import { PERMISSION_WORDS, tokenState } from "../permissions.js";
import { TokenForm } from "./TokenForm.jsx";
import "../connections.css";

function NewToken({ made, onDone }) {
  const { t } = useTranslation("connections");
  const [copied, setCopied] = useState(false);
  const copy = () => navigator.clipboard?.writeText(made.token).then(() => setCopied(true), () => setCopied(false));
  return (
    <section className="card token-new" aria-labelledby="token-new-title">
      <h2 id="token-new-title">{t("made.title", { name: made.name })}</h2>
      <p>{t("made.once")}</p>
      <label htmlFor="token-whole">{t("made.token")}</label>
      <input id="token-whole" className="token-whole" readOnly value={made.token} onFocus={(event) => event.target.select()} />
      <p className="muted small-text">{t("made.howToUse")}</p>
      <div className="actions">
        <button type="button" className="button secondary" onClick={copy}>
          {t("made.copy")}
        </button>
        <button type="button" className="button primary" onClick={onDone}>
          {t("made.done")}
        </button>
      </div>
      {copied && <SuccessMessage>{t("made.copied")}</SuccessMessage>}
    </section>
  );
}

const STATE_WORDS = { active: "state.active", expired: "state.expired", revoked: "state.revoked" };

function when(iso, fallback) {
  return iso ? formatDateTime(iso) : fallback;
}

function TokenRow({ token, onRevoke }) {
  const { t } = useTranslation("connections");
  const state = tokenState(token);
  const permissions = token.permissions.map((permission) => (PERMISSION_WORDS[permission] ? t(PERMISSION_WORDS[permission]) : permission));
  return (
    <li className={`card token-row token-${state}`}>
      <h3>
        {token.name} <code>{token.prefix}…</code>
      </h3>
      <p className="token-state">{t(STATE_WORDS[state])}</p>
      <p>{t("row.mayDo", { permissions: permissions.join(", ") })}</p>
      <dl className="token-facts">
        <dt>{t("row.madeBy")}</dt>
        <dd>{t("row.madeByWhen", { name: token.made_by ?? t("row.someoneGone"), when: formatDateTime(token.created_at) })}</dd>
        <dt>{t("row.lastUsed")}</dt>
        <dd>{when(token.last_used_at, t("row.neverUsed"))}</dd>
        <dt>{state === "revoked" ? t("row.revoked") : t("row.expires")}</dt>
        <dd>{state === "revoked" ? formatDateTime(token.revoked_at) : when(token.expires_at, t("row.neverExpires"))}</dd>
      </dl>
      {state === "active" && (
        <button type="button" className="button danger small" onClick={() => onRevoke(token)}>
          {t("row.revoke", { name: token.name })}
        </button>
      )}
    </li>
  );
}

function RevokeDialog({ token, onClose }) {
  const { t } = useTranslation("connections");
  const revoke = useRevokeApiToken();
  const confirm = () => !revoke.isPending && revoke.mutate(token.id, { onSuccess: onClose });
  return (
    <ConfirmDialog title={t("revoke.title", { name: token.name })} confirmLabel={t("revoke.confirm")} danger busy={revoke.isPending} onConfirm={confirm} onCancel={onClose}>
      <p>{t("revoke.body")}</p>
      {revoke.error && <ErrorMessage error={revoke.error} title={t("revoke.failed")} />}
    </ConfirmDialog>
  );
}

export function ApiTokensPage() {
  const { t } = useTranslation("connections");
  usePageTitle(t("page.title"));
  const tokens = useApiTokens();
  const [made, setMade] = useState(null);
  const [revoking, setRevoking] = useState(null);
  if (tokens.isPending) return <Loading />;
  if (tokens.error) return <ErrorMessage error={tokens.error} title={t("page.notLoaded")} onRetry={() => tokens.refetch()} />;
  return (
    <div className="connections-page">
      <h1>{t("page.title")}</h1>
      <p className="muted">{t("page.intro")}</p>
      {made && <NewToken made={made} onDone={() => setMade(null)} />}
      <section aria-labelledby="tokens-title">
        <h2 id="tokens-title">{t("list.title")}</h2>
        {tokens.data.items.length === 0 && <p className="muted">{t("list.none")}</p>}
        <ul className="token-list">
          {tokens.data.items.map((token) => (
            <TokenRow key={token.id} token={token} onRevoke={setRevoking} />
          ))}
        </ul>
      </section>
      {!made && <TokenForm grantable={tokens.data.grantable} onMade={setMade} />}
      {revoking && <RevokeDialog token={revoking} onClose={() => setRevoking(null)} />}
    </div>
  );
}
