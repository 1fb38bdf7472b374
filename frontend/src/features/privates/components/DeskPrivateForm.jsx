/** Booking a client into a private at the desk (POST .../appointments): the service, a teacher and a free time, the
 *  client (found by name, email or phone: the app layer gives the picker, renderClientPicker({id, client, onPick})),
 *  then how it is paid: with one of their passes that takes the service's credits, at the desk (renderMethod({idPrefix,
 *  value, onChange}): cash, card terminal or UPI) or free. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { useStudio } from "../../../lib/studio.jsx";
import { useServices } from "../api.js";
import { useBookForClient } from "../staff-api.js";
import { priceOf } from "../wording.js";
import { SlotPicker } from "./SlotPicker.jsx";

/** A client's pass pays a service that takes credits when it holds that many (a membership has no count). */
const passCovers = (pass, service) => Boolean(service.credits) && (pass.credits_left === null || pass.credits_left === undefined || pass.credits_left >= service.credits);

const USES = { pass: "desk.use.pass", door: "desk.use.door", free: "desk.use.free" };
const PICKER_ID = "desk-private-client";
const METHOD_ID = "desk-private";

function Payment({ service, client, use, onUse, passId, onPass, method, onMethod, renderMethod }) {
  const { t } = useTranslation("privates");
  const passes = (client?.passes ?? []).filter((pass) => passCovers(pass, service));
  return (
    <>
      <fieldset className="desk-choice">
        <legend>{t("desk.payWith")}</legend>
        {Object.keys(USES).filter((one) => one !== "pass" || passes.length).map((one) => (
          <label key={one}>
            <input type="radio" name="desk-private-use" value={one} checked={use === one} onChange={() => onUse(one)} />
            {t(USES[one])}
          </label>
        ))}
      </fieldset>
      {use === "pass" && (
        <fieldset className="desk-choice">
          <legend>{t("desk.whichPass")}</legend>
          {passes.map((pass) => (
            <label key={pass.id}>
              <input type="radio" name="desk-private-pass" value={pass.id} checked={passId === pass.id} onChange={() => onPass(pass.id)} />
              {pass.name}
            </label>
          ))}
        </fieldset>
      )}
      {use === "door" && renderMethod({ idPrefix: METHOD_ID, value: method, onChange: onMethod })}
    </>
  );
}

function BookingForm({ slug, services, renderClientPicker, renderMethod }) {
  const { t } = useTranslation("privates");
  const book = useBookForClient();
  const [service, setService] = useState(services[0]);
  const [teacherId, setTeacherId] = useState(null);
  const [slot, setSlot] = useState(null);
  const [client, setClient] = useState(null);
  const [use, setUse] = useState("door");
  const [passId, setPassId] = useState(null);
  const [method, setMethod] = useState("cash");
  const [done, setDone] = useState(null);
  const choose = (id) => {
    setService(services.find((one) => one.id === Number(id)));
    setSlot(null);
    setTeacherId(null);
  };
  // Their only pass that pays is the one to book with; with several, the desk picks; with none, paid at the desk.
  const pick = (person) => {
    const paying = (person?.passes ?? []).filter((pass) => passCovers(pass, service));
    setClient(person);
    setPassId(paying.length === 1 ? paying[0].id : null);
    setUse(paying.length ? "pass" : use === "pass" ? "door" : use);
  };
  const ready = slot && client && (use !== "pass" || passId);
  const submit = (event) => {
    event.preventDefault();
    if (!ready || book.isPending) return;
    const body = { service_id: service.id, starts_at: slot.starts_at, teacher_id: slot.teacher.id, user_id: client.id, use };
    if (use === "pass") body.pass_id = passId;
    if (use === "door") body.method = method;
    const when = formatDateTime(slot.starts_at, { timeZone: slot.timezone });
    book.mutate(body, { onSuccess: () => (setDone(t("desk.booked", { client: client.name, service: service.name, when, teacher: slot.teacher.name })), setSlot(null), setClient(null)) });
  };
  return (
    <form className="form private-book" onSubmit={submit} aria-label={t("desk.formLabel")}>
      <SuccessMessage>{done}</SuccessMessage>
      <label className="field">
        <span>{t("book.service")}</span>
        <select value={service.id} onChange={(event) => choose(event.target.value)}>
          {services.map((one) => (
            <option key={one.id} value={one.id}>
              {t("desk.serviceOption", { name: one.name, price: priceOf(one) })}
            </option>
          ))}
        </select>
      </label>
      <SlotPicker slug={slug} service={service} teacherId={teacherId} onTeacher={setTeacherId} chosen={slot} onChoose={setSlot} />
      {renderClientPicker({ id: PICKER_ID, client, onPick: pick })}
      <Payment service={service} client={client} use={use} onUse={setUse} passId={passId} onPass={setPassId} method={method} onMethod={setMethod} renderMethod={renderMethod} />
      <ErrorMessage error={book.error} title={t("desk.notBooked")} />
      <button type="submit" className="button primary" aria-disabled={!ready || book.isPending || undefined}>
        {book.isPending ? t("book.booking") : slot ? t("desk.bookAt", { when: formatDateTime(slot.starts_at, { timeZone: slot.timezone }) }) : t("desk.pickTime")}
      </button>
    </form>
  );
}

/** The form, once the studio's services are read (none: a word to make one first). */
export function DeskPrivateForm({ renderClientPicker, renderMethod }) {
  const { t } = useTranslation("privates");
  const { studio } = useStudio();
  const services = useServices(studio?.slug);
  if (services.isPending) return <Loading />;
  if (services.error) return <ErrorMessage error={services.error} title={t("book.notLoaded")} onRetry={() => services.refetch()} />;
  if (!services.data.length) return <p className="muted">{t("book.none")}</p>;
  return <BookingForm slug={studio.slug} services={services.data} renderClientPicker={renderClientPicker} renderMethod={renderMethod} />;
}
