/** /facilitator/privates/services: the studio's private services (made, changed, retired), its booking window and
 *  cancellation rule, and any teacher's weekly hours and days off (appointments.manage). */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { paths } from "../../../lib/paths.js";
import { useStudio } from "../../../lib/studio.jsx";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useStaffServices, useTeachingMembers } from "../staff-api.js";
import { priceOf } from "../wording.js";
import { HoursEditor } from "./HoursEditor.jsx";
import { RulesForm } from "./RulesForm.jsx";
import { ServiceForm } from "./ServiceForm.jsx";
import "../privates.css";

function ServiceRow({ service, members, currency }) {
  const { t } = useTranslation("privates");
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const teachers = service.teachers.map((teacher) => teacher.name).join(", ") || t("services.nobody");
  return (
    <li className="card private-service-row">
      <h3>{service.name}</h3>
      <p>
        {t("services.minutes", { count: service.duration_minutes })} · {priceOf(service)} · {service.online ? t("services.online") : (service.location ?? "")}
      </p>
      <p className="muted small-text">{t("services.givenBy", { teachers })}{service.active ? "" : ` · ${t("services.retired")}`}</p>
      {saved && <SuccessMessage>{t("services.saved")}</SuccessMessage>}
      <button type="button" className="button secondary small" aria-expanded={editing} onClick={() => (setEditing(!editing), setSaved(false))} aria-label={t("services.editOf", { name: service.name })}>
        {t("services.edit")}
      </button>
      {editing && <ServiceForm service={service} members={members} currency={currency} onDone={() => (setEditing(false), setSaved(true))} />}
    </li>
  );
}

function Services({ members, currency }) {
  const { t } = useTranslation("privates");
  const services = useStaffServices();
  const [adding, setAdding] = useState(false);
  if (services.isPending) return <Loading />;
  if (services.error) return <ErrorMessage error={services.error} title={t("services.notLoaded")} onRetry={() => services.refetch()} />;
  return (
    <>
      {services.data.length === 0 && <p className="muted">{t("services.noneYet")}</p>}
      <ul className="private-service-list">
        {services.data.map((service) => (
          <ServiceRow key={service.id} service={service} members={members} currency={currency} />
        ))}
      </ul>
      <button type="button" className="button primary" aria-expanded={adding} onClick={() => setAdding(!adding)}>
        {t("services.new")}
      </button>
      {adding && <ServiceForm members={members} currency={currency} onDone={() => setAdding(false)} />}
    </>
  );
}

function TeacherHours({ members }) {
  const { t } = useTranslation("privates");
  const [teacherId, setTeacherId] = useState(null);
  return (
    <>
      <label className="field">
        <span>{t("hours.whose")}</span>
        <select value={teacherId ?? ""} onChange={(event) => setTeacherId(event.target.value ? Number(event.target.value) : null)}>
          <option value="">{t("hours.pick")}</option>
          {members.map((member) => (
            <option key={member.user_id} value={member.user_id}>
              {member.name}
            </option>
          ))}
        </select>
      </label>
      {teacherId && <HoursEditor key={teacherId} teacherId={teacherId} />}
    </>
  );
}

export function PrivateServicesPage() {
  const { t } = useTranslation("privates");
  usePageTitle(t("services.title"));
  const { studio } = useStudio();
  const members = useTeachingMembers();
  const currency = studio?.currency ?? "INR";
  return (
    <section className="page private-services-page">
      <h1>{t("services.title")}</h1>
      <p>
        <Link to={paths.privatesBoard}>{t("hours.toBoard")}</Link>
      </p>
      <Services members={members.data} currency={currency} />
      <h2>{t("rules.title")}</h2>
      <RulesForm />
      <h2>{t("hours.teachersTitle")}</h2>
      {members.data ? <TeacherHours members={members.data} /> : <Loading />}
    </section>
  );
}
