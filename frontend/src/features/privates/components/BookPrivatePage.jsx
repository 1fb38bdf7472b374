/** /studios/:slug/privates: a studio's private sessions. Choose one, a teacher and a free time, then book it: free,
 *  paid at the studio's checkout, or with a pass's credits. Anyone sees the times; booking asks to sign in. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { useAuth } from "../../../lib/auth.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { leaveApp } from "../../../lib/leave-app.js";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useBookPrivate, useServices, useUsablePasses } from "../api.js";
import { formatMoney } from "../../../lib/money.js";
import { passPays } from "../slots.js";
import { priceOf } from "../wording.js";
import { SlotPicker } from "./SlotPicker.jsx";
import "../privates.css";

function Services({ services, chosen, onChoose }) {
  const { t } = useTranslation("privates");
  return (
    <fieldset className="private-services">
      <legend>{t("book.service")}</legend>
      {services.map((service) => (
        <label key={service.id} className="private-service">
          <input type="radio" name="service" checked={chosen?.id === service.id} onChange={() => onChoose(service)} />
          <span>
            <strong>{service.name}</strong> · {t("services.minutes", { count: service.duration_minutes })} · {priceOf(service)}
            {service.online ? ` · ${t("services.online")}` : service.location ? ` · ${service.location}` : ""}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** Book the chosen slot: with a pass that pays, or as priced (a price goes on to the checkout). */
function BookIt({ service, slot }) {
  const { t } = useTranslation("privates");
  const { user } = useAuth();
  const location = useLocation();
  const passes = useUsablePasses();
  const book = useBookPrivate();
  const [passId, setPassId] = useState("");
  if (!user) {
    return (
      <p>
        <Link to={paths.login} state={{ from: location }}>{t("book.signIn")}</Link>
      </p>
    );
  }
  const paying = (passes.data ?? []).filter((pass) => passPays(pass, service));
  const submit = () => {
    if (book.isPending) return;
    const body = { service_id: service.id, starts_at: slot.starts_at, teacher_id: slot.teacher.id };
    book.mutate(passId ? { ...body, pass_id: Number(passId) } : body, {
      onSuccess: (booked) => {
        if (booked.status === "pending_payment" && booked.payment?.checkout_url) leaveApp.go(booked.payment.checkout_url);
      },
    });
  };
  if (book.isSuccess && book.data.status !== "pending_payment") {
    return (
      <SuccessMessage>
        {t("book.booked", { when: formatDateTime(book.data.appointment.starts_at, { timeZone: slot.timezone }), teacher: book.data.appointment.teacher.name })}{" "}
        <Link to={paths.myPrivates}>{t("book.seeMine")}</Link>
      </SuccessMessage>
    );
  }
  return (
    <div className="private-book">
      <p>{t("book.chosen", { when: formatDateTime(slot.starts_at, { timeZone: slot.timezone, label: true }), teacher: slot.teacher.name })}</p>
      {paying.length > 0 && (
        <label className="field">
          <span>{t("book.payWith")}</span>
          <select value={passId} onChange={(event) => setPassId(event.target.value)}>
            <option value="">{service.price > 0 ? t("book.payMoney", { price: formatMoney(service.price, service.currency ?? "INR") }) : t("book.noPass")}</option>
            {paying.map((pass) => (
              <option key={pass.id} value={pass.id}>
                {t("book.usePass", { name: pass.name, count: service.credits })}
              </option>
            ))}
          </select>
        </label>
      )}
      <ErrorMessage error={book.error} title={t("book.notBooked")} />
      <button type="button" className="button primary" onClick={submit} aria-disabled={book.isPending || undefined}>
        {book.isPending ? t("book.booking") : t("book.book")}
      </button>
    </div>
  );
}

export function BookPrivatePage() {
  const { t } = useTranslation("privates");
  usePageTitle(t("book.title"));
  const { slug = "" } = useParams();
  const services = useServices(slug);
  const [service, setService] = useState(null);
  const [teacherId, setTeacherId] = useState(null);
  const [slot, setSlot] = useState(null);
  const choose = (next) => {
    setService(next);
    setTeacherId(null);
    setSlot(null);
  };
  return (
    <section className="page narrow book-private">
      <h1>{t("book.heading")}</h1>
      <p>
        <Link to={paths.studio(slug)}>{t("book.backToStudio")}</Link> · <Link to={paths.myPrivates}>{t("book.seeMine")}</Link>
      </p>
      {services.isPending && <Loading />}
      <ErrorMessage error={services.error} title={t("book.notLoaded")} onRetry={() => services.refetch()} />
      {services.data?.length === 0 && <p className="muted">{t("book.none")}</p>}
      {services.data?.length > 0 && <Services services={services.data} chosen={service} onChoose={choose} />}
      {service && (
        <SlotPicker
          slug={slug}
          service={service}
          teacherId={teacherId}
          onTeacher={(id) => {
            setTeacherId(id);
            setSlot(null);
          }}
          chosen={slot}
          onChoose={setSlot}
        />
      )}
      {service && slot && <BookIt service={service} slot={slot} />}
    </section>
  );
}
