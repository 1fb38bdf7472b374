/** "Invoice" on a paid booking or pass ("Credit note" on a refunded one, kind="credit_note"): downloads its PDF,
 *  found among the person's documents when pressed, so the cards ask nothing more of the server until then. */
import { useTranslation } from "react-i18next";
import { useDownloadMyInvoice } from "../lib/invoices.js";

const WORDING = {
  invoice: { label: "invoiceButton.invoice", none: "invoiceButton.noInvoice", failed: "invoiceButton.invoiceFailed" },
  credit_note: { label: "invoiceButton.creditNote", none: "invoiceButton.noCreditNote", failed: "invoiceButton.creditNoteFailed" },
};

export function InvoiceButton({ bookingId = null, passId = null, kind = "invoice", describedBy }) {
  const { t } = useTranslation("common");
  const download = useDownloadMyInvoice();
  const wording = WORDING[kind];
  const failure = t(download.error?.status === "none" ? wording.none : wording.failed);
  return (
    <>
      <button
        type="button"
        className="button secondary small"
        onClick={() => download.mutate({ bookingId, passId, kind })}
        disabled={download.isPending}
        aria-describedby={describedBy}
      >
        {download.isPending ? t("invoiceButton.downloading") : t(wording.label)}
      </button>
      {download.isError && (
        <p role="alert" className="field-error small-text">
          {failure}
        </p>
      )}
    </>
  );
}
