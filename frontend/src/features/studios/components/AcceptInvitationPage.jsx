/** /invitations/:token, where an invitation's email links: the studio, the role and who invited, read before signing
 *  in; signed out, how to sign in (or register, with the invited address filled in) and come back here; signed in,
 *  Accept, then the studio is the current one and the staff area is a link away. */
import { Link, useLocation, useParams } from "react-router";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { useAuth } from "../../../lib/auth.jsx";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useAcceptInvitation, useInvitation } from "../api.js";
import { roleInSentence } from "../roles.js";
import { invitationRefusal } from "../wording.js";
import "../studios.css";

/** Codes after which the staff area is the place to go: the person is (or may well be) in already. */
const ALREADY_IN = ["already_member", "invitation_used"];

function SignedOut({ invitation }) {
  const location = useLocation();
  const back = { from: `${location.pathname}${location.search}` };
  const address = invitation?.email;
  return (
    <>
      <p>
        {address
          ? `Log in with the account of ${address}, the address the invitation was sent to, and you can accept it here. New here? Create an account with that address first.`
          : "Log in with the account of the email address the invitation was sent to, and you can accept it here. New here? Create an account with that address first."}
      </p>
      <p className="actions">
        <Link to={paths.login} state={back} className="button primary">
          Log in
        </Link>
        <Link to={paths.register} state={address ? { ...back, email: address } : back} className="button secondary">
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

/** "Ravi Iyer invited you to join Lotus Yoga as an instructor.", from what the link's invitation says. */
function Invited({ invitation }) {
  const by = invitation.invited_by?.name;
  return (
    <p className="invitation-lead">
      {by ? `${by} invited you to join ` : "You are invited to join "}
      <strong>{invitation.studio.name}</strong>
      {` as ${roleInSentence(invitation.role)}.`}
    </p>
  );
}

export function AcceptInvitationPage() {
  usePageTitle("Join a studio");
  const { token } = useParams();
  const { user } = useAuth();
  const accept = useAcceptInvitation();
  const invitation = useInvitation(token);
  const shown = invitation.data;
  const closed = invitation.error && !accept.isSuccess;

  let body;
  if (closed) {
    body = (
      <>
        <ErrorMessage error={{ message: invitationRefusal(invitation.error, user?.email) }} title="This invitation can't be accepted." />
        {user && ALREADY_IN.includes(invitation.error.code) && (
          <p>
            <Link to={paths.facilitator}>Go to the staff area</Link>
          </p>
        )}
      </>
    );
  } else if (!user) body = <SignedOut invitation={shown} />;
  else if (accept.isSuccess) body = <Joined joined={accept.data} />;
  else {
    const busy = accept.isPending;
    body = (
      <>
        <p>
          You are signed in as {user.name} ({user.email}). Accept to join the studio in the role it invited you to.
        </p>
        {shown && shown.email !== user.email.trim().toLowerCase() && (
          <p className="alert invitation-mismatch">
            This invitation was sent to {shown.email}: log out, then log in with that address&apos;s account (or create one with it) to accept it.
          </p>
        )}
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
      {shown && !accept.isSuccess ? <Invited invitation={shown} /> : <p className="muted">You have been invited to help run a studio on Sessions &amp; Retreats.</p>}
      {body}
    </section>
  );
}
