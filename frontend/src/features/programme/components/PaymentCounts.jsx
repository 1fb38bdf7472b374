/** What a paid session's bookings have paid, still owe and were refunded: "₹90,000 paid · ₹45,000 pending · ₹0
 *  refunded"; nothing for a free session, nor for a role without money.view. */
import { useStudio } from "../../../lib/studio.jsx";
import { paymentCountsText } from "../wording.js";

export function PaymentCounts({ session }) {
  const { can } = useStudio();
  const text = can("money.view") ? paymentCountsText(session) : null;
  return text ? <span className="payment-counts">{text}</span> : null;
}
