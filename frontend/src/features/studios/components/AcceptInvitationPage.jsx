/** /invitations/:token, where an invitation's email links: signed out, how to sign in (or register) and come back
 *  here; signed in, Accept, then the studio is the current one and the staff area is a link away. */
import { Link, useLocation, useParams } from "react-router";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { useAuth } from "../../../lib/auth.jsx";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useAcceptInvitation } from "../api.js";
import { roleInSentence } from "../roles.js";
import { invitationRefusal } from "../wording.js";
import "../studios.css";

/** Codes after which the staff area is the place to go: the person is (or may well be) in already. */
const ALREADY_IN = ["already_member", "invitation_used"];

function SignedOut() {
  const location = useLocation();
  const back = { from: `${location.pathname}${location.search}` };
  return (
    <>
      <p>Log in with the account of the email address the invitation was sent to, and you can accept it here. New here? Create an account with that address first.</p>
      <p className="actions">
        <Link to={paths.login} state={back} className="button primary">
          Log in
        </Link>
        <Link to={paths.register} state={back} className="button secondary">
          Create an account
        </Link>
      </p>
    </>
  );
}

function Joined({ joined }) {
  return (
    <>
      <div className="alert alert-success" role="status">
        Welcome to {joined.studio.name}: you are {roleInSentence(joined.role)} there now.
      </div>
      <p>
        <Link to={paths.facilitator} className="button primary">
          Go to {joined.studio.name}
        </Link>
      </p>
    </>
  );
}

export function AcceptInvitationPage() {
  usePageTitle("Join a studio");
  const { token } = useParams();
  const { user } = useAuth();
  const accept = useAcceptInvitation();

  let body;
  if (!user) body = <SignedOut />;
  else if (accept.isSuccess) body = <Joined joined={accept.data} />;
  else {
    const busy = accept.isPending;
    body = (
      <>
        <p>
          You are signed in as {user.name} ({user.email}). Accept to join the studio in the role it invited you to.
        </p>
        {accept.error && <ErrorMessage error={{ message: invitationRefusal(accept.error, user.email) }} title="The invitation was not accepted." />}
        <p className="actions">
          <button type="button" className="button primary" onClick={() => !busy && accept.mutate(token)} aria-disabled={busy || undefined}>
            {busy ? "Joining…" : "Accept the invitation"}
          </button>
          {ALREADY_IN.includes(accept.error?.code) && <Link to={paths.facilitator}>Go to the staff area</Link>}
        </p>
      </>
    );
  }

  return (
    <section className="page narrow invitation-page">
      <h1>Join a studio</h1>
      <p className="muted">You have been invited to help run a studio on Sessions &amp; Retreats.</p>
      {body}
    </section>
  );
}
