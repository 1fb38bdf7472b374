/** "Invoice" on a paid booking or pass ("Credit note" on a refunded one, kind="credit_note"): downloads its PDF,
 *  found among the person's documents when pressed, so the cards ask nothing more of the server until then. */
import { useDownloadMyInvoice } from "../lib/invoices.js";

const LABELS = { invoice: "Invoice", credit_note: "Credit note" };

export function InvoiceButton({ bookingId = null, passId = null, kind = "invoice", describedBy }) {
  const download = useDownloadMyInvoice();
  const none = kind === "invoice" ? "No invoice yet: it is issued when the payment arrives." : "No credit note yet: it is issued when the refund is done.";
  const failure = download.error?.status === "none" ? none : `The ${LABELS[kind].toLowerCase()} could not be downloaded. Try again.`;
  return (
    <>
      <button
        type="button"
        className="button secondary small"
        onClick={() => download.mutate({ bookingId, passId, kind })}
        disabled={download.isPending}
        aria-describedby={describedBy}
      >
        {download.isPending ? "Downloading…" : LABELS[kind]}
      </button>
      {download.isError && (
        <p role="alert" className="field-error small-text">
          {failure}
        </p>
      )}
    </>
  );
}
