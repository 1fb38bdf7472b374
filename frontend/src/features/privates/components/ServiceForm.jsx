/** Making or changing one of the studio's private services: name, what it is, length, buffers before and after, price
 *  and/or pass credits, where (a room, or online with a join link), who gives it, and whether it takes bookings. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { parseMajorUnits, toMajorUnitsText } from "../../../lib/money.js";
import { useSaveService } from "../staff-api.js";

const NUMBERS = ["duration_minutes", "buffer_before_minutes", "buffer_after_minutes"];

function startingValues(service, currency) {
  return {
    name: service?.name ?? "",
    description: service?.description ?? "",
    duration_minutes: String(service?.duration_minutes ?? 60),
    buffer_before_minutes: String(service?.buffer_before_minutes ?? 0),
    buffer_after_minutes: String(service?.buffer_after_minutes ?? 0),
    price: toMajorUnitsText(service?.price ?? 0, currency),
    credits: service?.credits ? String(service.credits) : "",
    location: service?.location ?? "",
    online: service?.online ?? false,
    active: service?.active ?? true,
    teachers: (service?.teachers ?? []).map((teacher) => teacher.id),
  };
}

/** The form's values as the API takes them, or {error} naming what to fix. */
function toBody(values, currency) {
  const price = parseMajorUnits(values.price, currency);
  if (price.error) return { error: "price" };
  const body = { name: values.name.trim(), description: values.description, price: price.amount, online: values.online, active: values.active, teachers: values.teachers };
  for (const name of NUMBERS) body[name] = Number(values[name]);
  body.credits = values.credits ? Number(values.credits) : null;
  body.location = values.location.trim() || null;
  return { body };
}

function NumberField({ name, label, values, onChange, min, max }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input type="number" inputMode="numeric" min={min} max={max} step={1} value={values[name]} onChange={(event) => onChange({ ...values, [name]: event.target.value })} />
    </label>
  );
}

function Teachers({ members, values, onChange }) {
  const { t } = useTranslation("privates");
  const toggle = (id) => onChange({ ...values, teachers: values.teachers.includes(id) ? values.teachers.filter((one) => one !== id) : [...values.teachers, id] });
  return (
    <fieldset className="desk-choice">
      <legend>{t("services.form.teachers")}</legend>
      {members.map((member) => (
        <label key={member.user_id}>
          <input type="checkbox" checked={values.teachers.includes(member.user_id)} onChange={() => toggle(member.user_id)} />
          {member.name}
        </label>
      ))}
    </fieldset>
  );
}

/** service: the one to change (none: a new one); members: who may teach; onDone: after it is saved. */
export function ServiceForm({ service, members, currency, onDone }) {
  const { t } = useTranslation("privates");
  const save = useSaveService();
  const [values, setValues] = useState(() => startingValues(service, currency));
  const [priceError, setPriceError] = useState(false);
  const submit = (event) => {
    event.preventDefault();
    const { body, error } = toBody(values, currency);
    setPriceError(Boolean(error));
    if (error || save.isPending) return;
    save.mutate({ id: service?.id, ...body }, { onSuccess: onDone });
  };
  const text = (name) => (event) => setValues({ ...values, [name]: event.target.value });
  return (
    <form className="form service-form card" onSubmit={submit} aria-label={service ? t("services.form.editLabel", { name: service.name }) : t("services.form.newLabel")}>
      <label className="field">
        <span>{t("services.form.name")}</span>
        <input type="text" required maxLength={200} value={values.name} onChange={text("name")} />
      </label>
      <label className="field">
        <span>{t("services.form.description")}</span>
        <textarea rows={3} maxLength={5000} value={values.description} onChange={text("description")} />
      </label>
      <NumberField name="duration_minutes" label={t("services.form.duration")} values={values} onChange={setValues} min={5} max={480} />
      <NumberField name="buffer_before_minutes" label={t("services.form.bufferBefore")} values={values} onChange={setValues} min={0} max={240} />
      <NumberField name="buffer_after_minutes" label={t("services.form.bufferAfter")} values={values} onChange={setValues} min={0} max={240} />
      <InputField id="service-price" label={t("services.form.price", { currency })} type="text" inputMode="decimal" value={values.price} onChange={text("price")} error={priceError ? t("services.form.priceError") : undefined} />
      <NumberField name="credits" label={t("services.form.credits")} values={values} onChange={setValues} min={1} max={100} />
      <label className="field">
        <span>{t("services.form.location")}</span>
        <input type="text" maxLength={200} value={values.location} onChange={text("location")} />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={values.online} onChange={(event) => setValues({ ...values, online: event.target.checked })} />
        {t("services.form.online")}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={values.active} onChange={(event) => setValues({ ...values, active: event.target.checked })} />
        {t("services.form.active")}
      </label>
      {members && <Teachers members={members} values={values} onChange={setValues} />}
      <ErrorMessage error={save.error} title={t("services.form.notSaved")} />
      <button type="submit" className="button primary" aria-disabled={save.isPending || undefined}>
        {save.isPending ? t("services.form.saving") : t("services.form.save")}
      </button>
    </form>
  );
}
