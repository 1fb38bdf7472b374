/** A page of clients: a table on a wide screen, each row a small card on a phone (.table-stack). */
import { Link } from "react-router";
import { formatDate } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { clientName } from "../wording.js";

/** items: the list route's clients; timeZone: the studio's clock. Bookings ahead show when the list carries them. */
export function ClientsTable({ items, timeZone }) {
  const ahead = items.some((client) => typeof client.bookings_ahead === "number");
  return (
    <div className="table-wrap">
      <table className="table-stack clients-table">
        <caption className="visually-hidden">Clients</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Phone</th>
            <th scope="col">Last visit</th>
            <th scope="col">Visits</th>
            <th scope="col">No-shows</th>
            {ahead && <th scope="col">Bookings ahead</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((client) => (
            <tr key={client.id}>
              <th scope="row">
                <Link to={paths.client(client.id)}>{clientName(client)}</Link>
                {client.guest && <span className="pill guest-pill">Guest</span>}
              </th>
              <td data-label="Email:">{client.email ?? ""}</td>
              <td data-label="Phone:">{client.phone ?? ""}</td>
              <td data-label="Last visit:">{client.last_visit_at ? formatDate(client.last_visit_at, { timeZone }) : "Never"}</td>
              <td data-label="Visits:">{client.visits}</td>
              <td data-label="No-shows:">{client.no_shows}</td>
              {ahead && <td data-label="Bookings ahead:">{client.bookings_ahead ?? ""}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
