/** /my-passes: the signed-in person's class packs and memberships, newest first, and what a pass's checkout came back
 *  with (?pass=<id>&result=success|cancel), or that a pass with nothing to pay is ready. */
import { Link, useLocation, useSearchParams } from "react-router";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { Flash } from "../../../components/Flash.jsx";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useOwnedPasses } from "../api.js";
import { returnMessage } from "../pass-status.js";
import { OwnedPassCard } from "./OwnedPassCard.jsx";
import "../passes.css";

function ReturnNote({ text }) {
  return (
    <div className="alert alert-note" role="status">
      {text}
    </div>
  );
}

export function MyPassesPage() {
  usePageTitle("My passes");
  const [params] = useSearchParams();
  const { state } = useLocation();
  const passes = useOwnedPasses();
  const back = returnMessage(params.get("result"));
  const boughtId = params.get("pass");
  const ready = state?.ready ? `${state.ready} is ready: nothing to pay.` : null;

  let content;
  if (passes.isPending) content = <Loading label="Loading your passes…" />;
  else if (passes.isError) content = <ErrorMessage error={passes.error} title="Couldn't load your passes." onRetry={() => passes.refetch()} />;
  else if (passes.data.length === 0) {
    content = (
      <EmptyState title="You have no passes yet.">
        <p>Class packs and memberships are on sale on the pages of the events they cover.</p>
        <Link to={paths.events} className="button primary">
          Browse events
        </Link>
      </EmptyState>
    );
  } else {
    content = (
      <ul className="grid pass-list">
        {passes.data.map((pass) => (
          <OwnedPassCard key={pass.id} pass={pass} highlighted={String(pass.id) === boughtId} />
        ))}
      </ul>
    );
  }

  return (
    <section className="page">
      <h1>My passes</h1>
      <Flash message={back?.ok ?? ready} />
      {back?.note && <ReturnNote text={back.note} />}
      <p className="muted">Book a session with a pass from its event's page. Cancel in time and the credit comes back to the pass.</p>
      {content}
      <p>
        <Link to={paths.myBookings}>My bookings</Link>
      </p>
    </section>
  );
}
