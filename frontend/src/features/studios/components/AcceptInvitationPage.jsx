/** /invitations/:token, where an invitation's email links: the studio, the role and who invited, read before signing
 *  in; signed out, how to sign in (or register, with the invited address filled in) and come back here; signed in,
 *  Accept, then the studio is the current one and the staff area is a link away. */
import { Trans, useTranslation } from "react-i18next";
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
  const { t } = useTranslation("studios");
  const location = useLocation();
  const back = { from: `${location.pathname}${location.search}` };
  const address = invitation?.email;
  return (
    <>
      <p>
        {address ? t("invitation.signedOut", { address }) : t("invitation.signedOutNoAddress")}
      </p>
      <p className="actions">
        <Link to={paths.login} state={back} className="button primary">
          {t("invitation.logIn")}
        </Link>
        <Link to={paths.register} state={address ? { ...back, email: address } : back} className="button secondary">
          {t("invitation.register")}
        </Link>
      </p>
    </>
  );
}

function Joined({ joined }) {
  const { t } = useTranslation("studios");
  return (
    <>
      <div className="alert alert-success" role="status">
        {t("invitation.welcome", { studio: joined.studio.name, role: roleInSentence(joined.role) })}
      </div>
      <p>
        <Link to={paths.facilitator} className="button primary">
          {t("invitation.goTo", { studio: joined.studio.name })}
        </Link>
      </p>
    </>
  );
}

/** "Ravi Iyer invited you to join Lotus Yoga as an instructor.", from what the link's invitation says. */
function Invited({ invitation }) {
  const { t } = useTranslation("studios");
  const by = invitation.invited_by?.name;
  const values = { by, studio: invitation.studio.name, role: roleInSentence(invitation.role) };
  return (
    <p className="invitation-lead">
      <Trans t={t} i18nKey={by ? "invitation.invitedBy" : "invitation.invited"} values={values} components={{ strong: <strong /> }} />
    </p>
  );
}

export function AcceptInvitationPage() {
  const { t } = useTranslation("studios");
  usePageTitle(t("invitation.title"));
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
        <ErrorMessage error={{ message: invitationRefusal(invitation.error, user?.email) }} title={t("invitation.cannotAccept")} />
        {user && ALREADY_IN.includes(invitation.error.code) && (
          <p>
            <Link to={paths.facilitator}>{t("invitation.staffArea")}</Link>
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
          {t("invitation.signedIn", { name: user.name, email: user.email })}
        </p>
        {shown && shown.email !== user.email.trim().toLowerCase() && (
          <p className="alert invitation-mismatch">
            {t("invitation.mismatch", { email: shown.email })}
          </p>
        )}
        {accept.error && <ErrorMessage error={{ message: invitationRefusal(accept.error, user.email) }} title={t("invitation.notAccepted")} />}
        <p className="actions">
          <button type="button" className="button primary" onClick={() => !busy && accept.mutate(token)} aria-disabled={busy || undefined}>
            {busy ? t("invitation.joining") : t("invitation.accept")}
          </button>
          {ALREADY_IN.includes(accept.error?.code) && <Link to={paths.facilitator}>{t("invitation.staffArea")}</Link>}
        </p>
      </>
    );
  }

  return (
    <section className="page narrow invitation-page">
      <h1>{t("invitation.title")}</h1>
      {shown && !accept.isSuccess ? <Invited invitation={shown} /> : <p className="muted">{t("invitation.lead")}</p>}
      {body}
    </section>
  );
}
