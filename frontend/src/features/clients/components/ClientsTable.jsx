/** A page of clients: a table on a wide screen, each row a small card on a phone (.table-stack); a client's name in
 *  another script shows beside their name. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDate } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { clientName } from "../wording.js";
import { OtherName } from "./OtherName.jsx";

/** items: the list route's clients; timeZone: the studio's clock. Bookings ahead show when the list carries them. */
export function ClientsTable({ items, timeZone }) {
  const { t } = useTranslation("clients");
  const ahead = items.some((client) => typeof client.bookings_ahead === "number");
  return (
    <div className="table-wrap">
      <table className="table-stack clients-table">
        <caption className="visually-hidden">{t("table.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("table.name")}</th>
            <th scope="col">{t("table.email")}</th>
            <th scope="col">{t("table.phone")}</th>
            <th scope="col">{t("table.lastVisit")}</th>
            <th scope="col">{t("table.visits")}</th>
            <th scope="col">{t("table.noShows")}</th>
            {ahead && <th scope="col">{t("table.bookingsAhead")}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((client) => (
            <tr key={client.id}>
              <th scope="row">
                <Link to={paths.client(client.id)}>{clientName(client)}</Link>
                <OtherName client={client} />
                {client.guest && <span className="pill guest-pill">{t("table.guest")}</span>}
                {client.child && <span className="pill guest-pill">{t("table.child")}</span>}
              </th>
              <td data-label={t("table.emailLabel")}>{client.email ?? ""}</td>
              <td data-label={t("table.phoneLabel")}>{client.phone ?? ""}</td>
              <td data-label={t("table.lastVisitLabel")}>{client.last_visit_at ? formatDate(client.last_visit_at, { timeZone }) : t("table.never")}</td>
              <td data-label={t("table.visitsLabel")}>{client.visits}</td>
              <td data-label={t("table.noShowsLabel")}>{client.no_shows}</td>
              {ahead && <td data-label={t("table.bookingsAheadLabel")}>{client.bookings_ahead ?? ""}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
