/** /facilitator/codes: the studio's discount codes with their uses, limits, dates and where each stands; a new one,
 *  changing a live one (its limit, end, whether active), and retiring one (no new uses from then). */
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { EmptyState, ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useMyCodes, useMyEvents, useRetireCode } from "../api.js";
import { appliesText, codeStatus, datesText, discountText, eventsText, usesText } from "../codes.js";
import { BackLink } from "./BackLink.jsx";
import { EditCodeDialog } from "./EditCodeDialog.jsx";
import { NewCodeForm } from "./NewCodeForm.jsx";
import "../programme.css";

function CodeRow({ code, titles, now, onEdit, onRetire, busy }) {
  const { t } = useTranslation("programme");
  const [label, tone] = codeStatus(code, now);
  const only = eventsText(code, titles);
  return (
    <tr>
      <td>
        <strong className="code-name">{code.code}</strong>
      </td>
      <td data-label={t("codes.table.discount")}>{discountText(code)}</td>
      <td data-label={t("codes.table.for")}>
        {appliesText(code)}
        {only && <span className="code-note muted small-text">{only}</span>}
      </td>
      <td data-label={t("codes.table.uses")}>{usesText(code)}</td>
      <td data-label={t("codes.table.valid")}>{datesText(code)}</td>
      <td>
        <span className={`pill ${tone}`}>{label}</span>
      </td>
      <td className="cell-action">
        <span className="row-actions">
          <button type="button" className="button secondary small" onClick={() => onEdit(code)}>
            {t("codes.edit")} <span className="visually-hidden">{code.code}</span>
          </button>
          {code.status === "active" && (
            <button type="button" className="button secondary small" onClick={() => onRetire(code)} disabled={busy}>
              {t("codes.retire")} <span className="visually-hidden">{code.code}</span>
            </button>
          )}
        </span>
      </td>
    </tr>
  );
}

export function CodesPage() {
  const { t } = useTranslation("programme");
  usePageTitle(t("codes.title"));
  const codes = useMyCodes();
  const events = useMyEvents();
  const retire = useRetireCode();
  const [retiring, setRetiring] = useState(null);
  const [editing, setEditing] = useState(null);
  const [notice, setNotice] = useState(null);
  const titles = new Map((events.data ?? []).map((event) => [event.id, event.title]));
  // Expired or not valid yet as of when the list was read: rendering stays pure, each refetch moves it on.
  const now = codes.dataUpdatedAt;

  const confirmRetire = () =>
    retire.mutate(retiring.id, {
      onSuccess: (code) => setNotice(t("codes.retired", { code: code.code })),
      onSettled: () => setRetiring(null),
    });

  let list;
  if (codes.isPending) list = <Loading label={t("codes.loading")} />;
  else if (codes.isError) list = <ErrorMessage error={codes.error} title={t("codes.loadFailed")} onRetry={() => codes.refetch()} />;
  else if (codes.data.length === 0) list = <EmptyState title={t("codes.none")} />;
  else {
    list = (
      <div className="table-wrap">
        <table className="table-stack codes-table">
          <thead>
            <tr>
              <th scope="col">{t("codes.table.code")}</th>
              <th scope="col">{t("codes.table.discount")}</th>
              <th scope="col">{t("codes.table.for")}</th>
              <th scope="col">{t("codes.table.uses")}</th>
              <th scope="col">{t("codes.table.valid")}</th>
              <th scope="col">{t("codes.table.status")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("codes.table.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {codes.data.map((code) => (
              <CodeRow key={code.id} code={code} titles={titles} now={now} onEdit={setEditing} onRetire={setRetiring} busy={retire.isPending} />
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <section className="page">
      <BackLink />
      <h1>{t("codes.title")}</h1>
      <p className="muted">
        <Trans t={t} i18nKey="codes.intro" components={{ pass: <Link to={paths.facilitatorPasses} /> }} />
      </p>
      <SuccessMessage>{notice}</SuccessMessage>
      <ErrorMessage error={retire.error} title={t("codes.retireFailed")} />
      <section aria-labelledby="codes-heading">
        <h2 id="codes-heading">{t("codes.yours")}</h2>
        {list}
      </section>
      <NewCodeForm events={events.data ?? []} onCreated={(code) => setNotice(t("codes.created", { code: code.code }))} />
      {editing && (
        <EditCodeDialog
          code={editing}
          onDone={(code) => {
            setEditing(null);
            setNotice(t("codes.saved", { code: code.code }));
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {retiring && (
        <ConfirmDialog title={t("codes.retireTitle", { code: retiring.code })} confirmLabel={t("codes.retireConfirm")} cancelLabel={t("codes.retireKeep")} danger busy={retire.isPending} onConfirm={confirmRetire} onCancel={() => setRetiring(null)}>
          <p>{t("codes.retireText")}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
