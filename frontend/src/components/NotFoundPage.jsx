import { Link } from "react-router";
import { usePageTitle } from "../lib/use-page-title.js";
import { paths } from "../lib/paths.js";

export function NotFoundPage() {
  usePageTitle("Page not found");
  return (
    <section className="page narrow">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <p>
        <Link to={paths.events}>Browse events</Link>
      </p>
    </section>
  );
}
