/** A studio's refund of one booking's payment (POST /api/studios/<slug>/payments/<id>/refunds; refunds.make). */
import { useMutation } from "@tanstack/react-query";
import { useProgrammeApi, useInvalidateMine } from "./api.js";

/** {paymentId, amount?, reason, cancel_booking} → the refund {id, amount, currency, status, left, booking_cancelled}.
 *  No amount: all that is left. 409 refund_above_left (details.left), not_refundable, already_cancelled. */
export function useRefundPayment() {
  const { main, base } = useProgrammeApi();
  const invalidate = useInvalidateMine();
  return useMutation({
    mutationFn: ({ paymentId, ...body }) => main.post(`${base}/payments/${encodeURIComponent(paymentId)}/refunds`, body),
    onSettled: invalidate, // the registrants' payments (and the seat, when cancelled) changed
  });
}
