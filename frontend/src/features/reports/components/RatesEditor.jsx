/** The instructors' pay rates: read with reports.view; changed with pay.rates (the owners), one rate edited at a time
 *  below the table, or removed after a confirmation. The pay report is read again after each change. */
import { useState } from "react";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { EmptyState, ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { roleName } from "../../../lib/studio.jsx";
import { useRemoveRate } from "../api.js";
import { rateText } from "../wording.js";
import { column, DataTable } from "./DataTable.jsx";
import { RateForm } from "./RateForm.jsx";

function RowActions({ instructor, onEdit, onRemove }) {
  return (
    <span className="actions">
      <button type="button" className="button secondary small" onClick={() => onEdit(instructor)} aria-label={`Edit rate for ${instructor.name}`}>
        Edit rate
      </button>
      {instructor.rate && (
        <button type="button" className="button secondary small" onClick={() => onRemove(instructor)} aria-label={`Remove rate for ${instructor.name}`}>
          Remove rate
        </button>
      )}
    </span>
  );
}

/** The rates; with onEdit and onRemove (who may change them), a button for each. */
function RatesTable({ rates, currency, onEdit, onRemove }) {
  const columns = [
    column("name", "Instructor", (row) => row.name, false),
    column("role", "Role", (row) => roleName(row.role), false),
    column("rate", "Rate", (row) => rateText(row.rate, currency), false),
  ];
  if (onEdit) columns.push(column("actions", "Change", (row) => <RowActions instructor={row} onEdit={onEdit} onRemove={onRemove} />, false));
  return <DataTable caption="Instructor rates" columns={columns} rows={rates} rowKey={(row) => row.instructor_id} />;
}

/** rates: the useInstructorRates query; currency: the studio's; canChange: pay.rates. */
export function RatesEditor({ rates, currency, canChange }) {
  const remove = useRemoveRate();
  const [editing, setEditing] = useState(null);
  const [removing, setRemoving] = useState(null);
  const [notice, setNotice] = useState(null);
  const edit = (instructor) => {
    setNotice(null);
    setEditing(instructor);
  };
  const confirmRemove = () =>
    remove.mutate(removing.instructor_id, {
      onSuccess: () => setNotice(`${removing.name} has no rate now.`),
      onSettled: () => setRemoving(null),
    });
  let body;
  if (rates.isPending) body = <Loading label="Loading the rates…" />;
  else if (rates.error) body = <ErrorMessage error={rates.error} title="The rates could not be loaded." onRetry={() => rates.refetch()} />;
  else if (!rates.data.length) body = <EmptyState title="The studio has no instructors yet." />;
  else body = <RatesTable rates={rates.data} currency={currency} onEdit={canChange ? edit : null} onRemove={setRemoving} />;
  return (
    <section className="report-rates">
      <h2>Pay rates</h2>
      <p className="muted small-text">
        What each instructor is paid for a class: the pay report works from these.{canChange ? "" : " Only the studio's owners change them."}
      </p>
      <SuccessMessage>{notice}</SuccessMessage>
      <ErrorMessage error={remove.error} title="The rate was not removed." />
      {body}
      {editing && (
        <RateForm
          key={editing.instructor_id}
          instructor={editing}
          currency={currency}
          onCancel={() => setEditing(null)}
          onDone={(done) => {
            setEditing(null);
            setNotice(`${done.name}'s rate is saved.`);
          }}
        />
      )}
      {removing && (
        <ConfirmDialog title={`Remove ${removing.name}'s rate?`} confirmLabel="Remove rate" cancelLabel="Keep rate" danger busy={remove.isPending} onConfirm={confirmRemove} onCancel={() => setRemoving(null)}>
          Their classes will show no pay until they have a rate again.
        </ConfirmDialog>
      )}
    </section>
  );
}
