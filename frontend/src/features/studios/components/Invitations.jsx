/** The studio's open invitations on Members (members.staff): who was invited, in what role, by whom, until when; each
 *  withdrawn after a confirmation (a manager only instructors' and front desk's). */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { roleName, useStudio } from "../../../lib/studio.jsx";
import { useInvitations, useWithdrawInvitation } from "../api.js";
import { canHandle } from "../roles.js";

function InvitationRows({ invitations, timeZone, mayWithdraw, busy, onWithdraw }) {
  const { t } = useTranslation("studios");
  return (
    <div className="table-wrap">
      <table className="table-stack invitations-table">
        <thead>
          <tr>
            <th scope="col">{t("members.columns.email")}</th>
            <th scope="col">{t("members.columns.role")}</th>
            <th scope="col">{t("invitations.invitedBy")}</th>
            <th scope="col">{t("invitations.expires")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("members.columns.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((invitation) => (
            <tr key={invitation.id}>
              <td data-label={t("members.columns.email")}>{invitation.email}</td>
              <td data-label={t("members.columns.role")}>{roleName(invitation.role)}</td>
              <td data-label={t("invitations.invitedBy")}>{invitation.invited_by?.name ?? "–"}</td>
              <td data-label={t("invitations.expires")}>{formatDateTime(invitation.expires_at, { timeZone, label: true })}</td>
              <td>
                {mayWithdraw(invitation.role) && (
                  <button type="button" className="button secondary small" disabled={busy} aria-label={t("invitations.withdrawTo", { email: invitation.email })} onClick={() => onWithdraw(invitation)}>
                    {t("invitations.withdraw")}
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
  const { t } = useTranslation("studios");
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
      onSuccess: () => setNotice(t("invitations.withdrawn", { email: withdrawing.email })),
      onError: (error) => setRefusal(error.code === "invitation_not_found" ? { message: t("invitations.gone") } : error),
      onSettled: () => setWithdrawing(null),
    });
  };
  let body;
  if (invitations.isPending) body = <Loading label={t("invitations.loading")} />;
  else if (invitations.isError) body = <ErrorMessage error={invitations.error} title={t("invitations.notLoaded")} onRetry={() => invitations.refetch()} />;
  else if (!invitations.data.length) body = <p className="muted">{t("invitations.none")}</p>;
  else {
    const mayWithdraw = (role) => canHandle(can, role);
    body = <InvitationRows invitations={invitations.data} timeZone={studio?.timezone} mayWithdraw={mayWithdraw} busy={withdraw.isPending} onWithdraw={setWithdrawing} />;
  }
  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">{t("invitations.title")}</h2>
      <SuccessMessage>{notice}</SuccessMessage>
      {refusal && <ErrorMessage error={refusal} title={t("invitations.notWithdrawn")} />}
      {body}
      {withdrawing && (
        <ConfirmDialog
          title={t("invitations.confirm.title", { email: withdrawing.email })}
          confirmLabel={t("invitations.confirm.yes")}
          cancelLabel={t("invitations.confirm.keep")}
          danger
          busy={withdraw.isPending}
          onConfirm={confirm}
          onCancel={() => setWithdrawing(null)}
        >
          <p>{t("invitations.confirm.body")}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
