/** Selling one of the studio's passes at the desk (POST .../desk/passes): paid there in cash, on the card terminal or by UPI
 *  at the pass's price, good at once. The passes on sale come from the studio's public page. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { Field, InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { t as translate } from "../../../lib/i18n.js";
import { formatMoney, taxNote, withTax } from "../../../lib/money.js";
import { useForm } from "../../../lib/use-form.js";
import { useSellPass, useStudioPassesOnSale } from "../api.js";
import { checkPerson, deskRefusal, newAccountText, paidText } from "../wording.js";
import { MethodField } from "./MethodField.jsx";

const EMPTY = { productId: "", name: "", email: "", method: "cash" };

function soldText(person, product, answer) {
  const sentences = [translate("desk:sell.sold", { pass: product.name, name: person.name })];
  if (answer.payment?.amount) sentences.push(paidText(formatMoney(answer.payment.amount, answer.payment.currency), answer.payment.method));
  if (answer.pass?.id) sentences.push(translate("desk:sell.passNumber", { number: String(answer.pass.id) }));
  if (answer.new_account) sentences.push(newAccountText(person.email));
  return sentences.join(" ");
}

/** "They pay ₹3,540.00, the pass's price + 18% GST." */
function priceHint(t, chosen) {
  const price = formatMoney(withTax(chosen.price, chosen.tax_added), chosen.currency);
  return chosen.tax_added && chosen.price ? t("sell.theyPayTax", { price, tax: taxNote(chosen.tax_added) }) : t("sell.theyPay", { price });
}

function SaleForm({ passes }) {
  const { t } = useTranslation("desk");
  const sell = useSellPass();
  const [done, setDone] = useState(null);
  const form = useForm({
    initialValues: EMPTY,
    validate: (values) => ({ ...checkPerson(values), ...(values.productId ? {} : { productId: t("sell.pickPass") }) }),
    onSubmit: async (values) => {
      const product = passes.find((one) => String(one.id) === values.productId);
      const person = { name: values.name.trim(), email: values.email.trim() };
      const answer = await sell.mutateAsync({ product_id: product.id, ...person, method: values.method });
      form.setValues(EMPTY);
      setDone(soldText(person, product, answer));
    },
    onError: (error) => (error.status === 400 ? form.showBadRequest(error, ["name", "email", "method"]) : form.setFormError(deskRefusal(error))),
  });
  const { formRef } = form;
  const submit = (event) => {
    setDone(null);
    form.handleSubmit(event);
  };
  const chosen = passes.find((one) => String(one.id) === form.values.productId);
  return (
    <form ref={formRef} className="form desk-form" onSubmit={submit} noValidate aria-label={t("sell.formLabel")}>
      <ErrorMessage error={form.formError} title={t("sell.notSold")} />
      <SuccessMessage>{done}</SuccessMessage>
      <Field id="sell-product" label={t("sell.pass")} error={form.errors.productId} hint={chosen ? priceHint(t, chosen) : undefined}>
        {(control) => (
          <select {...control} name="productId" value={form.values.productId} onChange={form.handleChange}>
            <option value="">{t("sell.choose")}</option>
            {passes.map((product) => (
              <option key={product.id} value={String(product.id)}>
                {t("sell.option", { name: product.name, price: formatMoney(product.price, product.currency) })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <InputField id="sell-name" label={t("sell.buyerName")} type="text" autoComplete="off" maxLength={200} {...form.field("name")} />
      <InputField id="sell-email" label={t("sell.buyerEmail")} type="email" autoComplete="off" maxLength={254} {...form.field("email")} />
      <MethodField idPrefix="sell" value={form.values.method} onChange={(method) => form.setValue("method", method)} />
      <div className="actions">
        <SubmitButton busy={form.busy} busyLabel={t("sell.selling")}>
          {chosen ? t("sell.sellFor", { price: formatMoney(withTax(chosen.price, chosen.tax_added), chosen.currency) }) : t("sell.sellButton")}
        </SubmitButton>
      </div>
    </form>
  );
}

export function SellPassForm() {
  const { t } = useTranslation("desk");
  const passes = useStudioPassesOnSale();
  if (passes.isPending) return <Loading label={t("sell.loading")} />;
  if (passes.error) return <ErrorMessage error={deskRefusal(passes.error)} title={t("sell.loadFailed")} onRetry={() => passes.refetch()} />;
  if (!passes.data.length) return <p className="muted">{t("sell.none")}</p>;
  return <SaleForm passes={passes.data} />;
}
