/** A client's family in the studio's client book: a child's guardians (who book for them) and a guardian's children,
 *  each a link to their own client page; a child's page says they are sent no marketing of their own. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../../lib/paths.js";

function Relatives({ people, label }) {
  if (!people.length) return null;
  return (
    <>
      <dt>{label}</dt>
      {people.map((person) => (
        <dd key={person.id}>
          <Link to={paths.client(person.id)}>{person.name}</Link>
        </dd>
      ))}
    </>
  );
}

/** profile: the client's profile (family: {guardians, children} or null; child: whether they are a child). */
export function ClientFamily({ profile }) {
  const { t } = useTranslation("clients");
  const family = profile.family;
  if (!family && !profile.child) return null;
  return (
    <section className="client-family" aria-labelledby="client-family-title">
      <h2 id="client-family-title">{t("family.title")}</h2>
      {family && (
        <dl>
          <Relatives people={family.guardians ?? []} label={t("family.guardians")} />
          <Relatives people={family.children ?? []} label={profile.child ? t("family.siblings") : t("family.children")} />
        </dl>
      )}
      {profile.child && <p className="muted">{t("family.childNote")}</p>}
    </section>
  );
}
