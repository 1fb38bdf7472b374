/** Selling one of the studio's passes at the desk (POST .../desk/passes): paid there in cash, on the card terminal or by UPI
 *  at the pass's price, good at once. The passes on sale come from the studio's public page. */
import { useState } from "react";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { Field, InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { formatMoney, taxNote, withTax } from "../../../lib/money.js";
import { useForm } from "../../../lib/use-form.js";
import { useSellPass, useStudioPassesOnSale } from "../api.js";
import { checkPerson, deskRefusal, methodInSentence, newAccountText } from "../wording.js";
import { MethodField } from "./MethodField.jsx";

const EMPTY = { productId: "", name: "", email: "", method: "cash" };

function soldText(person, product, answer) {
  const paid = answer.payment?.amount ? ` Paid ${formatMoney(answer.payment.amount, answer.payment.currency)} by ${methodInSentence(answer.payment.method)}.` : "";
  const number = answer.pass?.id ? ` Pass number ${answer.pass.id}.` : "";
  const said = `${product.name} sold to ${person.name}: good from now.${paid}${number}`;
  return answer.new_account ? `${said} ${newAccountText(person.email)}` : said;
}

function SaleForm({ passes }) {
  const sell = useSellPass();
  const [done, setDone] = useState(null);
  const form = useForm({
    initialValues: EMPTY,
    validate: (values) => ({ ...checkPerson(values), ...(values.productId ? {} : { productId: "Pick the pass they buy." }) }),
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
    <form ref={formRef} className="form desk-form" onSubmit={submit} noValidate aria-label="Sell a pass">
      <ErrorMessage error={form.formError} title="Not sold." />
      <SuccessMessage>{done}</SuccessMessage>
      <Field id="sell-product" label="Pass" error={form.errors.productId} hint={chosen ? `They pay ${formatMoney(withTax(chosen.price, chosen.tax_added), chosen.currency)}, the pass's price${chosen.tax_added && chosen.price ? ` ${taxNote(chosen.tax_added)}` : ""}.` : undefined}>
        {(control) => (
          <select {...control} name="productId" value={form.values.productId} onChange={form.handleChange}>
            <option value="">Pick a pass…</option>
            {passes.map((product) => (
              <option key={product.id} value={String(product.id)}>
                {product.name} ({formatMoney(product.price, product.currency)})
              </option>
            ))}
          </select>
        )}
      </Field>
      <InputField id="sell-name" label="Buyer's name" type="text" autoComplete="off" maxLength={200} {...form.field("name")} />
      <InputField id="sell-email" label="Buyer's email" type="email" autoComplete="off" maxLength={254} {...form.field("email")} />
      <MethodField idPrefix="sell" value={form.values.method} onChange={(method) => form.setValue("method", method)} />
      <div className="actions">
        <SubmitButton busy={form.busy} busyLabel="Selling…">
          {chosen ? `Sell for ${formatMoney(withTax(chosen.price, chosen.tax_added), chosen.currency)}` : "Sell"}
        </SubmitButton>
      </div>
    </form>
  );
}

export function SellPassForm() {
  const passes = useStudioPassesOnSale();
  if (passes.isPending) return <Loading label="Loading the passes on sale…" />;
  if (passes.error) return <ErrorMessage error={deskRefusal(passes.error)} title="The passes on sale could not be loaded." onRetry={() => passes.refetch()} />;
  if (!passes.data.length) return <p className="muted">The studio has no pass on sale.</p>;
  return <SaleForm passes={passes.data} />;
}
