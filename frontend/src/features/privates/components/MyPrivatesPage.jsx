/** /my-privates: the signed-in person's private sessions to come. Move one to another free time of its service (until
 *  the studio's cut-off: the API says when it is too late), or cancel it (money and credits back by the studio's
 *  rule). */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState, ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useCancelPrivate, useMovePrivate, useMyPrivates, useServices } from "../api.js";
import { SlotPicker } from "./SlotPicker.jsx";
import "../privates.css";

/** Moving one private: its service's free times, then the move. */
function Move({ appointment, onDone }) {
  const { t } = useTranslation("privates");
  const services = useServices(appointment.studio.slug);
  const move = useMovePrivate();
  const [teacherId, setTeacherId] = useState(appointment.teacher.id);
  const [slot, setSlot] = useState(null);
  const service = services.data?.find((one) => one.id === appointment.service.id);
  if (services.isPending) return <Loading />;
  if (!service) return <p className="muted">{t("mine.cannotMove")}</p>;
  const submit = () => {
    if (!move.isPending) move.mutate({ appointmentId: appointment.id, starts_at: slot.starts_at }, { onSuccess: onDone });
  };
  return (
    <div className="private-move">
      <SlotPicker slug={appointment.studio.slug} service={service} teacherId={teacherId} onTeacher={setTeacherId} chosen={slot} onChoose={setSlot} />
      <ErrorMessage error={move.error} title={t("mine.notMoved")} />
      {slot && (
        <button type="button" className="button primary" onClick={submit} aria-disabled={move.isPending || undefined}>
          {move.isPending ? t("mine.moving") : t("mine.moveTo", { when: formatDateTime(slot.starts_at, { timeZone: slot.timezone }) })}
        </button>
      )}
    </div>
  );
}

function Appointment({ appointment }) {
  const { t } = useTranslation("privates");
  const [moving, setMoving] = useState(false);
  const [moved, setMoved] = useState(false);
  const cancel = useCancelPrivate();
  return (
    <li className="card my-private">
      <h2>{appointment.service.name}</h2>
      <p>
        {t("mine.when", { when: formatDateTime(appointment.starts_at, { label: true }), teacher: appointment.teacher.name, studio: appointment.studio.name })}
      </p>
      {appointment.booking.status === "pending_payment" && <p className="muted">{t("mine.awaitingPayment")}</p>}
      {moved && <SuccessMessage>{t("mine.moved")}</SuccessMessage>}
      <ErrorMessage error={cancel.error} title={t("mine.notCancelled")} />
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => setMoving(!moving)} aria-expanded={moving}>
          {t("mine.move")}
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => !cancel.isPending && window.confirm(t("mine.confirmCancel")) && cancel.mutate(appointment.booking.id)}
          aria-disabled={cancel.isPending || undefined}
        >
          {cancel.isPending ? t("mine.cancelling") : t("mine.cancel")}
        </button>
      </div>
      {moving && (
        <Move
          appointment={appointment}
          onDone={() => {
            setMoving(false);
            setMoved(true);
          }}
        />
      )}
    </li>
  );
}

export function MyPrivatesPage() {
  const { t } = useTranslation("privates");
  usePageTitle(t("mine.title"));
  const mine = useMyPrivates();
  return (
    <section className="page narrow my-privates">
      <h1>{t("mine.heading")}</h1>
      {mine.isPending && <Loading />}
      <ErrorMessage error={mine.error} title={t("mine.notLoaded")} onRetry={() => mine.refetch()} />
      {mine.data?.length === 0 && (
        <EmptyState title={t("mine.none")}>
          <Link to={paths.events}>{t("mine.findStudio")}</Link>
        </EmptyState>
      )}
      {mine.data?.length > 0 && (
        <ul className="plain-list">
          {mine.data.map((appointment) => (
            <Appointment key={appointment.id} appointment={appointment} />
          ))}
        </ul>
      )}
    </section>
  );
}
