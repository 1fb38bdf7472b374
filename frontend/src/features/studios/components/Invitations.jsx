/** The studio's open invitations on Members (members.staff): who was invited, in what role, by whom, until when; each
 *  withdrawn after a confirmation (a manager only instructors' and front desk's). */
import { useState } from "react";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { roleName, useStudio } from "../../../lib/studio.jsx";
import { useInvitations, useWithdrawInvitation } from "../api.js";
import { canHandle } from "../roles.js";

function InvitationRows({ invitations, timeZone, mayWithdraw, busy, onWithdraw }) {
  return (
    <div className="table-wrap">
      <table className="table-stack invitations-table">
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Invited by</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((invitation) => (
            <tr key={invitation.id}>
              <td data-label="Email">{invitation.email}</td>
              <td data-label="Role">{roleName(invitation.role)}</td>
              <td data-label="Invited by">{invitation.invited_by?.name ?? "–"}</td>
              <td data-label="Expires">{formatDateTime(invitation.expires_at, { timeZone, label: true })}</td>
              <td>
                {mayWithdraw(invitation.role) && (
                  <button type="button" className="button secondary small" disabled={busy} aria-label={`Withdraw the invitation to ${invitation.email}`} onClick={() => onWithdraw(invitation)}>
                    Withdraw
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A withdrawal's notice or refusal shows in the section itself: on a phone the page's top is out of sight. */
export function Invitations() {
  const { studio, can } = useStudio();
  const invitations = useInvitations({ enabled: true });
  const withdraw = useWithdrawInvitation();
  const [withdrawing, setWithdrawing] = useState(null);
  const [refusal, setRefusal] = useState(null);
  const [notice, setNotice] = useState(null);
  const confirm = () => {
    setRefusal(null);
    setNotice(null);
    withdraw.mutate(withdrawing.id, {
      onSuccess: () => setNotice(`The invitation to ${withdrawing.email} is withdrawn: its link no longer works.`),
      onError: (error) => setRefusal(error.code === "invitation_not_found" ? { message: "That invitation was already used, withdrawn or expired." } : error),
      onSettled: () => setWithdrawing(null),
    });
  };
  let body;
  if (invitations.isPending) body = <Loading label="Loading the invitations…" />;
  else if (invitations.isError) body = <ErrorMessage error={invitations.error} title="Couldn't load the invitations." onRetry={() => invitations.refetch()} />;
  else if (!invitations.data.length) body = <p className="muted">No open invitations.</p>;
  else {
    const mayWithdraw = (role) => canHandle(can, role);
    body = <InvitationRows invitations={invitations.data} timeZone={studio?.timezone} mayWithdraw={mayWithdraw} busy={withdraw.isPending} onWithdraw={setWithdrawing} />;
  }
  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">Open invitations</h2>
      <SuccessMessage>{notice}</SuccessMessage>
      {refusal && <ErrorMessage error={refusal} title="The invitation was not withdrawn." />}
      {body}
      {withdrawing && (
        <ConfirmDialog title={`Withdraw the invitation to ${withdrawing.email}?`} confirmLabel="Yes, withdraw" cancelLabel="Keep it" danger busy={withdraw.isPending} onConfirm={confirm} onCancel={() => setWithdrawing(null)}>
          <p>The link in their email will stop working. You can invite them again later.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
