/** /facilitator/passes: the studio's pass figures (and the CSV of passes sold), the class packs and memberships
 *  they sell; a new one, and retiring one (the passes sold of it stay good). */
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { EmptyState, ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { formatMoney } from "../../../lib/money.js";
import { paths } from "../../../lib/paths.js";
import { passTerms } from "../../../lib/passes.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useMyEvents, useMyPasses, useRetirePass } from "../api.js";
import { BackLink } from "./BackLink.jsx";
import { NewPassForm } from "./NewPassForm.jsx";
import { PassFigures } from "./PassFigures.jsx";

function PassRow({ pass, events, onEdit, onRetire, busy }) {
  const { t } = useTranslation("programme");
  const covers = pass.event_ids ? pass.event_ids.map((id) => events.get(id) ?? t("passes.eventNumber", { id })).join(", ") : t("passes.allEvents");
  return (
    <tr>
      <td>
        <strong>{pass.name}</strong>
        {pass.new_customers_only && <span className="pill">{t("passes.introOffer")}</span>}
      </td>
      <td data-label={t("passes.table.terms")}>{passTerms(pass)}</td>
      <td data-label={t("passes.table.price")}>{formatMoney(pass.price, pass.currency)}</td>
      <td data-label={t("passes.table.covers")}>{covers}</td>
      <td className="cell-action">
        {pass.status === "on_sale" ? (
          <span className="row-actions">
            <button type="button" className="button secondary small" onClick={() => onEdit(pass)} disabled={busy}>
              {t("passes.edit", { name: pass.name })}
            </button>
            <button type="button" className="button secondary small" onClick={() => onRetire(pass)} disabled={busy}>
              {t("passes.retire", { name: pass.name })}
            </button>
          </span>
        ) : (
          <span className="pill">{t("passes.retired")}</span>
        )}
      </td>
    </tr>
  );
}

export function PassesPage() {
  const { t } = useTranslation("programme");
  usePageTitle(t("passes.title"));
  const passes = useMyPasses();
  const events = useMyEvents();
  const retire = useRetirePass();
  const [retiring, setRetiring] = useState(null);
  const [editing, setEditing] = useState(null); // the pass on sale whose form is open
  const [notice, setNotice] = useState(null);
  const titles = new Map((events.data ?? []).map((event) => [event.id, event.title]));

  const confirmRetire = () =>
    retire.mutate(retiring.id, {
      onSuccess: (pass) => setNotice(t("passes.notOnSale", { name: pass.name })),
      onSettled: () => setRetiring(null),
    });

  let list;
  if (passes.isPending) list = <Loading label={t("passes.loading")} />;
  else if (passes.isError) list = <ErrorMessage error={passes.error} title={t("passes.loadFailed")} onRetry={() => passes.refetch()} />;
  else if (passes.data.length === 0) list = <EmptyState title={t("passes.none")} />;
  else {
    list = (
      <div className="table-wrap">
        <table className="table-stack passes-table">
          <thead>
            <tr>
              <th scope="col">{t("passes.table.pass")}</th>
              <th scope="col">{t("passes.table.terms")}</th>
              <th scope="col">{t("passes.table.price")}</th>
              <th scope="col">{t("passes.table.covers")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("passes.table.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {passes.data.map((pass) => (
              <PassRow key={pass.id} pass={pass} events={titles} onEdit={setEditing} onRetire={setRetiring} busy={retire.isPending} />
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <section className="page">
      <BackLink />
      <h1>{t("passes.title")}</h1>
      <p className="muted">
        <Trans t={t} i18nKey="passes.intro" components={{ codes: <Link to={paths.facilitatorCodes} /> }} />
      </p>
      <SuccessMessage>{notice}</SuccessMessage>
      <ErrorMessage error={retire.error} title={t("passes.retireFailed")} />
      <PassFigures />
      <section aria-labelledby="passes-on-sale-heading">
        <h2 id="passes-on-sale-heading">{t("passes.yours")}</h2>
        {list}
      </section>
      {editing && (
        <NewPassForm
          key={editing.id}
          events={events.data ?? []}
          pass={editing}
          onClose={() => setEditing(null)}
          onSaved={(pass) => {
            setEditing(null);
            setNotice(withApproval(pass, t("passes.changed", { name: pass.name })));
          }}
        />
      )}
      <NewPassForm events={events.data ?? []} onSaved={(pass) => setNotice(withApproval(pass, t("passes.onSale", { name: pass.name })))} />
      {retiring && (
        <ConfirmDialog title={t("passes.retireTitle", { name: retiring.name })} confirmLabel={t("passes.retireConfirm")} cancelLabel={t("passes.retireKeep")} danger busy={retire.isPending} onConfirm={confirmRetire} onCancel={() => setRetiring(null)}>
          <p>{t("passes.retireText")}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** The notice of a pass saved, with what its studio's provider needs for a membership's renewals, if anything
 *  (Razorpay above ₹15,000 a period: each renewal waits for the member's approval). */
function withApproval(pass, notice) {
  return pass.renewal_approval ? `${notice} ${pass.renewal_approval}` : notice;
}
