/** /facilitator/codes: the studio's discount codes with their uses, limits, dates and where each stands; a new one,
 *  changing a live one (its limit, end, whether active), and retiring one (no new uses from then). */
import { useState } from "react";
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
  const [label, tone] = codeStatus(code, now);
  const only = eventsText(code, titles);
  return (
    <tr>
      <td>
        <strong className="code-name">{code.code}</strong>
      </td>
      <td data-label="Discount">{discountText(code)}</td>
      <td data-label="For">
        {appliesText(code)}
        {only && <span className="code-note muted small-text">{only}</span>}
      </td>
      <td data-label="Uses">{usesText(code)}</td>
      <td data-label="Valid">{datesText(code)}</td>
      <td>
        <span className={`pill ${tone}`}>{label}</span>
      </td>
      <td className="cell-action">
        <span className="row-actions">
          <button type="button" className="button secondary small" onClick={() => onEdit(code)}>
            Edit <span className="visually-hidden">{code.code}</span>
          </button>
          {code.status === "active" && (
            <button type="button" className="button secondary small" onClick={() => onRetire(code)} disabled={busy}>
              Retire <span className="visually-hidden">{code.code}</span>
            </button>
          )}
        </span>
      </td>
    </tr>
  );
}

export function CodesPage() {
  usePageTitle("Discount codes");
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
      onSuccess: (code) => setNotice(`${code.code} is retired: no one can use it from now on.`),
      onSettled: () => setRetiring(null),
    });

  let list;
  if (codes.isPending) list = <Loading label="Loading your codes…" />;
  else if (codes.isError) list = <ErrorMessage error={codes.error} title="Couldn't load your codes." onRetry={() => codes.refetch()} />;
  else if (codes.data.length === 0) list = <EmptyState title="You have no discount codes yet." />;
  else {
    list = (
      <div className="table-wrap">
        <table className="table-stack codes-table">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Discount</th>
              <th scope="col">For</th>
              <th scope="col">Uses</th>
              <th scope="col">Valid</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
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
      <h1>Discount codes</h1>
      <p className="muted">
        A code takes a percentage or an amount off a paid seat or a <Link to={paths.facilitatorPasses}>pass</Link>. People type it when they book or buy and see the new price before paying. Uses
        count those paid for and those whose checkout is still open.
      </p>
      <SuccessMessage>{notice}</SuccessMessage>
      <ErrorMessage error={retire.error} title="The code was not retired." />
      <section aria-labelledby="codes-heading">
        <h2 id="codes-heading">Your codes</h2>
        {list}
      </section>
      <NewCodeForm events={events.data ?? []} onCreated={(code) => setNotice(`${code.code} is ready to use.`)} />
      {editing && (
        <EditCodeDialog
          code={editing}
          onDone={(code) => {
            setEditing(null);
            setNotice(`${code.code} is saved.`);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {retiring && (
        <ConfirmDialog title={`Retire ${retiring.code}?`} confirmLabel="Yes, retire it" cancelLabel="Keep it" danger busy={retire.isPending} onConfirm={confirmRetire} onCancel={() => setRetiring(null)}>
          <p>No one can use it from now on. What was booked or bought with it stays as it is, and a checkout already open with it can still be paid.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
