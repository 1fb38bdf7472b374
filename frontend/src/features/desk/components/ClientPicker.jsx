/** Finding one of the studio's clients at the desk (GET .../desk/clients): type a name (in either script), an email or
 *  a phone, pick the person, shown with their name in another script beside their name; their passes of this studio
 *  come with them, for the booking form to offer. */
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Field } from "../../../components/Field.jsx";
import { formatDate } from "../../../lib/format.js";
import { t as translate } from "../../../lib/i18n.js";
import { withOtherName } from "../../../lib/names.js";
import { useSettled } from "../../../lib/use-settled.js";
import { useDeskClients } from "../api.js";
import { deskRefusal } from "../wording.js";

const WAIT_MS = 250; // typing pauses this long before the studio's clients are asked

/** "5-class pack · 3 credits left · until 3 Dec 2026" (a membership: no credits to count). */
export function passLine(pass, timeZone) {
  const parts = [pass.name];
  if (pass.credits_left !== null && pass.credits_left !== undefined) parts.push(translate("desk:picker.creditsLeft", { count: pass.credits_left }));
  if (pass.valid_until) parts.push(translate("desk:picker.until", { date: formatDate(pass.valid_until, { timeZone }) }));
  return parts.join(" · ");
}

function Results({ id, found, onPick }) {
  const { t } = useTranslation("desk");
  const { data, isFetching, error } = found;
  if (error) return <p className="muted small-text" role="alert">{deskRefusal(error).message}</p>;
  if (!data) return isFetching ? <p className="muted small-text">{t("picker.looking")}</p> : null;
  if (!data.items.length) return <p className="muted small-text">{t("picker.noMatch")}</p>;
  return (
    <ul className="desk-clients" aria-label={t("picker.found")} id={`${id}-found`}>
      {data.items.map((person) => (
        <li key={person.id}>
          <button type="button" className="button secondary" onClick={() => onPick(person)}>
            {withOtherName(person.name, person.other_name)} <span className="muted small-text">{person.email}</span>
          </button>
        </li>
      ))}
      {data.more && <li className="muted small-text">{t("picker.more")}</li>}
    </ul>
  );
}

/** The search field and what it found; `client` picked shows instead, with a way to pick someone else. */
export function ClientPicker({ id, client, onPick }) {
  const { t } = useTranslation("desk");
  const [typed, setTyped] = useState("");
  const settled = useSettled(typed, WAIT_MS);
  const found = useDeskClients(settled);
  if (client) {
    return (
      <div className="desk-picked">
        <p>
          <Trans t={t} i18nKey="picker.bookingFor" values={{ name: withOtherName(client.name, client.other_name), email: client.email }} components={{ strong: <strong />, muted: <span className="muted small-text" /> }} />
        </p>
        <button type="button" className="button-link" onClick={() => onPick(null)}>
          {t("picker.someoneElse")}
        </button>
      </div>
    );
  }
  return (
    <>
      <Field id={`${id}-find`} label={t("picker.find")} hint={t("picker.findHint")}>
        {(control) => <input {...control} type="search" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} />}
      </Field>
      {settled.trim().length >= 2 && <Results id={id} found={found} onPick={onPick} />}
    </>
  );
}
