/** /facilitator/passes: the studio's pass figures (and the CSV of passes sold), the class packs and memberships
 *  they sell; a new one, and retiring one (the passes sold of it stay good). */
import { useState } from "react";
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
  const covers = pass.event_ids ? pass.event_ids.map((id) => events.get(id) ?? `Event ${id}`).join(", ") : "All your events";
  return (
    <tr>
      <td>
        <strong>{pass.name}</strong>
        {pass.new_customers_only && <span className="pill">Intro offer</span>}
      </td>
      <td data-label="Terms">{passTerms(pass)}</td>
      <td data-label="Price">{formatMoney(pass.price, pass.currency)}</td>
      <td data-label="Covers">{covers}</td>
      <td className="cell-action">
        {pass.status === "on_sale" ? (
          <span className="row-actions">
            <button type="button" className="button secondary small" onClick={() => onEdit(pass)} disabled={busy}>
              Edit {pass.name}
            </button>
            <button type="button" className="button secondary small" onClick={() => onRetire(pass)} disabled={busy}>
              Retire {pass.name}
            </button>
          </span>
        ) : (
          <span className="pill">Retired</span>
        )}
      </td>
    </tr>
  );
}

export function PassesPage() {
  usePageTitle("Passes");
  const passes = useMyPasses();
  const events = useMyEvents();
  const retire = useRetirePass();
  const [retiring, setRetiring] = useState(null);
  const [editing, setEditing] = useState(null); // the pass on sale whose form is open
  const [notice, setNotice] = useState(null);
  const titles = new Map((events.data ?? []).map((event) => [event.id, event.title]));

  const confirmRetire = () =>
    retire.mutate(retiring.id, {
      onSuccess: (pass) => setNotice(`${pass.name} is no longer on sale.`),
      onSettled: () => setRetiring(null),
    });

  let list;
  if (passes.isPending) list = <Loading label="Loading your passes…" />;
  else if (passes.isError) list = <ErrorMessage error={passes.error} title="Couldn't load your passes." onRetry={() => passes.refetch()} />;
  else if (passes.data.length === 0) list = <EmptyState title="You sell no passes yet." />;
  else {
    list = (
      <div className="table-wrap">
        <table className="table-stack passes-table">
          <thead>
            <tr>
              <th scope="col">Pass</th>
              <th scope="col">Terms</th>
              <th scope="col">Price</th>
              <th scope="col">Covers</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
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
      <h1>Passes</h1>
      <p className="muted">
        Class packs and memberships people buy once and book with. A pass sold keeps the terms it was bought on, whatever you change later. Offers off their price are{" "}
        <Link to={paths.facilitatorCodes}>discount codes</Link>.
      </p>
      <SuccessMessage>{notice}</SuccessMessage>
      <ErrorMessage error={retire.error} title="The pass was not retired." />
      <PassFigures />
      <section aria-labelledby="passes-on-sale-heading">
        <h2 id="passes-on-sale-heading">Your passes</h2>
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
            setNotice(withApproval(pass, `${pass.name} is changed for the sales to come; the passes sold keep their terms.`));
          }}
        />
      )}
      <NewPassForm events={events.data ?? []} onSaved={(pass) => setNotice(withApproval(pass, `${pass.name} is on sale.`))} />
      {retiring && (
        <ConfirmDialog title={`Retire ${retiring.name}?`} confirmLabel="Yes, retire it" cancelLabel="Keep selling" danger busy={retire.isPending} onConfirm={confirmRetire} onCancel={() => setRetiring(null)}>
          <p>It won't be sold any more. The passes people already bought stay good until they run out or expire.</p>
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
