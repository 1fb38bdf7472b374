/** The forms pages' "Forms for: Me · Asha · Ravi" for a guardian: each link shows the studio's forms for that person
 *  (a child's are signed by the guardian for them); none without children on the account. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../../lib/paths.js";

/** family: the children, [{id, name}]; child: the one shown (null: the person). */
export function ForWhomLinks({ slug, family, child }) {
  const { t } = useTranslation("forms");
  if (!family.length) return null;
  const people = [{ id: null, name: t("mine.me") }, ...family];
  return (
    <nav className="for-whom-links" aria-label={t("mine.forWhom")}>
      {people.map((person) => (
        <Link key={person.id ?? "me"} to={paths.myForms(slug, person.id)} aria-current={person.id === child ? "page" : undefined} className="button secondary small">
          {person.name}
        </Link>
      ))}
    </nav>
  );
}

/** The child of the family named by the page's ?for=, or null (the person, or an id not theirs: the API answers 404). */
export function childFrom(search, children) {
  const wanted = Number(search.get("for"));
  return children.find((child) => child.id === wanted) ?? null;
}
