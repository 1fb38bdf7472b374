/** "Invoice" on a paid booking or pass: downloads the invoice's PDF (found among the person's documents when
 *  pressed, so the cards ask nothing more of the server until then). */
import { useDownloadMyInvoice } from "../lib/invoices.js";

export function InvoiceButton({ bookingId = null, passId = null, describedBy }) {
  const download = useDownloadMyInvoice();
  const failure = download.error?.status === "none" ? "No invoice yet: it is issued when the payment arrives." : "The invoice could not be downloaded. Try again.";
  return (
    <>
      <button
        type="button"
        className="button secondary small"
        onClick={() => download.mutate({ bookingId, passId })}
        disabled={download.isPending}
        aria-describedby={describedBy}
      >
        {download.isPending ? "Downloading…" : "Invoice"}
      </button>
      {download.isError && (
        <p role="alert" className="field-error small-text">
          {failure}
        </p>
      )}
    </>
  );
}
