/** A person's own invoices: the one of a paid booking or pass, found among their documents and saved as a PDF. Used by
 *  the cards of My bookings and My passes (two features), so it lives here. */
import { useMutation } from "@tanstack/react-query";
import { useApi } from "./auth.jsx";
import { t } from "./i18n.js";
import { saveBlob } from "./save-blob.js";

/** The newest document of kind ("invoice" or "credit_note") of a booking or pass among a person's, else null. */
export function invoiceFor(items, { bookingId, passId, kind = "invoice" }) {
  return items.find((item) => item.kind === kind && (bookingId != null ? item.booking_id === bookingId : item.pass_id === passId)) ?? null;
}

/** {bookingId} or {passId}, and kind → the document's PDF saved as <number>.pdf; an error with status "none" before
 *  there is one. */
export function useDownloadMyInvoice() {
  const { main } = useApi();
  return useMutation({
    mutationFn: async (target) => {
      const { items = [] } = await main.get("/me/invoices", { params: { per_page: 100 } });
      const found = invoiceFor(items, target);
      if (!found) throw Object.assign(new Error(t("common:invoice.none")), { status: "none" });
      saveBlob(await main.download(`/me/invoices/${found.id}.pdf`), `${found.number}.pdf`);
    },
  });
}
