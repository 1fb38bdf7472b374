/** A person's name as a link to their page in the client book, found by their email (the book's cards); their name
 *  alone while it looks, for a reader who may not open the book, or when the book has nobody with that email. */
import { Link } from "react-router";
import { paths } from "../../../lib/paths.js";
import { useComingClients } from "../api.js";

export function ClientByEmail({ email, children }) {
  const [card] = useComingClients(email ? [email] : []);
  return card?.client ? <Link to={paths.client(card.client.id)}>{children}</Link> : <span>{children}</span>;
}
