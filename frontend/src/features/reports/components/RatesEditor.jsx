/** The instructors' pay rates: read with reports.view; changed with pay.rates (the owners), one rate edited at a time
 *  below the table, or removed after a confirmation. The pay report is read again after each change. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { EmptyState, ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { roleName } from "../../../lib/studio.jsx";
import { useRemoveRate } from "../api.js";
import { rateText } from "../wording.js";
import { column, DataTable } from "./DataTable.jsx";
import { RateForm } from "./RateForm.jsx";

function RowActions({ instructor, onEdit, onRemove }) {
  const { t } = useTranslation("reports");
  return (
    <span className="actions">
      <button type="button" className="button secondary small" onClick={() => onEdit(instructor)} aria-label={t("rates.editFor", { name: instructor.name })}>
        {t("rates.edit")}
      </button>
      {instructor.rate && (
        <button type="button" className="button secondary small" onClick={() => onRemove(instructor)} aria-label={t("rates.removeFor", { name: instructor.name })}>
          {t("rates.remove")}
        </button>
      )}
    </span>
  );
}

/** The rates; with onEdit and onRemove (who may change them), a button for each. */
function RatesTable({ rates, currency, onEdit, onRemove }) {
  const { t } = useTranslation("reports");
  const columns = [
    column("name", t("table.instructor"), (row) => row.name, false),
    column("role", t("rates.role"), (row) => roleName(row.role), false),
    column("rate", t("pay.columns.rate"), (row) => rateText(row.rate, currency), false),
  ];
  if (onEdit) columns.push(column("actions", t("rates.change"), (row) => <RowActions instructor={row} onEdit={onEdit} onRemove={onRemove} />, false));
  return <DataTable caption={t("rates.caption")} columns={columns} rows={rates} rowKey={(row) => row.instructor_id} />;
}

/** rates: the useInstructorRates query; currency: the studio's; canChange: pay.rates. */
export function RatesEditor({ rates, currency, canChange }) {
  const { t } = useTranslation("reports");
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
      onSuccess: () => setNotice(t("rates.removed", { name: removing.name })),
      onSettled: () => setRemoving(null),
    });
  let body;
  if (rates.isPending) body = <Loading label={t("rates.loading")} />;
  else if (rates.error) body = <ErrorMessage error={rates.error} title={t("rates.notLoaded")} onRetry={() => rates.refetch()} />;
  else if (!rates.data.length) body = <EmptyState title={t("rates.noInstructors")} />;
  else body = <RatesTable rates={rates.data} currency={currency} onEdit={canChange ? edit : null} onRemove={setRemoving} />;
  return (
    <section className="report-rates">
      <h2>{t("rates.title")}</h2>
      <p className="muted small-text">{canChange ? t("rates.intro") : t("rates.introReadOnly")}</p>
      <SuccessMessage>{notice}</SuccessMessage>
      <ErrorMessage error={remove.error} title={t("rates.notRemoved")} />
      {body}
      {editing && (
        <RateForm
          key={editing.instructor_id}
          instructor={editing}
          currency={currency}
          onCancel={() => setEditing(null)}
          onDone={(done) => {
            setEditing(null);
            setNotice(t("rates.saved", { name: done.name }));
          }}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={t("rates.confirm.title", { name: removing.name })}
          confirmLabel={t("rates.remove")}
          cancelLabel={t("rates.confirm.keep")}
          danger
          busy={remove.isPending}
          onConfirm={confirmRemove}
          onCancel={() => setRemoving(null)}
        >
          {t("rates.confirm.body")}
        </ConfirmDialog>
      )}
    </section>
  );
}
