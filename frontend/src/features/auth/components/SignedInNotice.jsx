/** Shown instead of a login or register form to someone who is already signed in. */
import { Link } from "react-router";
import { inFacilitatorArea, paths } from "../../../lib/paths.js";
import { homePathFor } from "../destinations.js";

export function SignedInNotice({ user, next }) {
  const target = next ?? homePathFor(user);
  const label = target === paths.events ? "Browse events" : inFacilitatorArea(target) ? "Go to the facilitator area" : "Continue";
  return (
    <div className="card stack">
      <p>You're signed in as {user.name}.</p>
      <p>
        <Link to={target} className="button primary">
          {label}
        </Link>
      </p>
    </div>
  );
}
