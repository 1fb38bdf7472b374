import { Link } from "react-router";
import { usePageTitle } from "../lib/use-page-title.js";

export function NotFoundPage() {
  usePageTitle("Page not found");
  return (
    <section className="page narrow">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <p>
        <Link to="/">Browse events</Link>
      </p>
    </section>
  );
}
