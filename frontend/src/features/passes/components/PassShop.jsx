/** An event page's "Passes" section: the class packs and memberships that cover the event, each with its price,
 *  terms, discount code field and Buy button. Buying goes to the provider's checkout, or straight to My passes when
 *  there is nothing to pay (a code may take it all off); a refusal shows here, one of the code beside its field.
 *  Nothing at all when no pass covers the event. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { FormAlert } from "../../../components/FormAlert.jsx";
import { Loading } from "../../../components/Feedback.jsx";
import { useAuth } from "../../../lib/auth.jsx";
import { isCodeRefusal } from "../../../lib/discount-codes.js";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { useBuyPass, useNewCustomer, usePassesOnSale } from "../api.js";
import { afterPurchase } from "../checkout.js";
import { buyErrorText } from "../pass-status.js";
import { PassOffer } from "./PassOffer.jsx";
import "../passes.css";

function viewerOf(user) {
  if (!user) return "guest";
  return user.role === "user" ? "user" : "staff";
}

export function PassShop({ event }) {
  const { t } = useTranslation("passes");
  const { user } = useAuth();
  const navigate = useNavigate();
  const passes = usePassesOnSale(event.id);
  const buy = useBuyPass();
  const [refusal, setRefusal] = useState(null);
  const [leaving, setLeaving] = useState(false);
  const refusalRef = useFocusOnAppear(refusal);
  const items = passes.data ?? [];
  // An intro offer says before any click whether it is the viewer's: a returning customer is not offered it.
  const intro = items.find((pass) => pass.new_customers_only);
  const newCustomer = useNewCustomer(intro?.facilitator_id, { enabled: Boolean(intro) });
  if (passes.isError || (passes.isSuccess && items.length === 0)) return null;

  const startBuying = (pass, code, refuseCode) => {
    setRefusal(null);
    buy.mutate(
      { productId: pass.id, code },
      {
        onSuccess: (answer) => {
          setLeaving(Boolean(answer?.checkout_url));
          afterPurchase(answer, navigate);
        },
        // The code ran out (or ended) since it was applied: said beside it, and the pass stays on offer without it.
        onError: (error) => (code && isCodeRefusal(error) ? refuseCode(error) : setRefusal({ name: pass.name, text: buyErrorText(error) })),
      },
    );
  };

  return (
    <section className="pass-shop" aria-labelledby="pass-shop-heading">
      <h2 id="pass-shop-heading">{t("shop.heading")}</h2>
      {passes.isPending ? (
        <Loading label={t("shop.loading")} />
      ) : (
        <>
          <p className="muted pass-shop-intro">{t("shop.intro")}</p>
          {refusal && (
            <div ref={refusalRef} tabIndex={-1} className="outcome">
              <FormAlert error={t("shop.refused", { name: refusal.name, reason: refusal.text })} />
            </div>
          )}
          {leaving && <Loading label={t("shop.leaving")} />}
          {viewerOf(user) === "staff" && <p className="muted">{t("shop.staff")}</p>}
          <ul className="grid pass-list">
            {items.map((pass) => (
              <PassOffer key={pass.id} pass={pass} viewer={viewerOf(user)} returning={newCustomer.data === false} onBuy={startBuying} busy={buy.isPending || leaving} buying={buy.isPending && buy.variables?.productId === pass.id} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
