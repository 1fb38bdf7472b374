/** What a paid session's bookings have paid, still owe and were refunded: "₹90,000 paid · ₹45,000 pending · ₹0
 *  refunded"; nothing for a free session. */
import { paymentCountsText } from "../wording.js";

export function PaymentCounts({ session }) {
  const text = paymentCountsText(session);
  return text ? <span className="payment-counts">{text}</span> : null;
}
