/** Where buying a pass goes next: the provider's checkout page, or, for a pass with nothing to pay, My passes. */
import { leaveApp } from "../../lib/leave-app.js";
import { paths } from "../../lib/paths.js";

/** answer: POST /passes/<id>/buy's {pass, checkout_url}; navigate: the router's. A pass good at once is named on
 *  My passes through the navigation's state ({name}: null when the answer has none,
 *  and My passes says "Your pass" in the reader's language). */
export function afterPurchase(answer, navigate) {
  if (answer?.checkout_url) leaveApp.go(answer.checkout_url);
  else navigate(paths.myPasses, { state: { ready: { name: answer?.pass?.name ?? null } } });
}
