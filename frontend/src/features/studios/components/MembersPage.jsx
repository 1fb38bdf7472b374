/** /facilitator/members: the current studio's members and their roles; inviting someone, changing a role and removing
 *  a member, as far as my role reaches (members.staff: instructors and front desk; members.all: anyone). */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { EmptyState, ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { useAuth } from "../../../lib/auth.jsx";
import { paths } from "../../../lib/paths.js";
import { roleName, useStudio } from "../../../lib/studio.jsx";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useChangeRole, useMembers, useRemoveMember, useStudioEvents } from "../api.js";
import { canHandle, roleInSentence, rolesICanGive } from "../roles.js";
import { memberRefusal, sessionNames } from "../wording.js";
import { Invitations } from "./Invitations.jsx";
import { InviteForm, sentNotice } from "./InviteForm.jsx";
import { MemberRow } from "./MemberRow.jsx";
import "../studios.css";

/** Why the last change was refused, in words (member_teaches names the sessions, read from the studio's events, each
 *  with a link to its page, where its Teacher section gives it to someone else). */
function Refusal({ error, title }) {
  const { t } = useTranslation("studios");
  const teaches = error?.code === "member_teaches";
  const events = useStudioEvents({ enabled: teaches });
  if (!error) return null;
  const ids = teaches ? (error.details?.session_ids ?? []) : [];
  const names = sessionNames(ids, events.data);
  return (
    <>
      <ErrorMessage error={{ message: memberRefusal(error, events.data) }} title={title} />
      {ids.length > 0 && (
        <ul className="handover-links" aria-label={t("members.handover")}>
          {ids.map((id, index) => (
            <li key={id}>
              <Link to={paths.facilitatorSession(id)}>{t("members.handoverOne", { session: names[index] })}</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function MembersTable({ members, me, can, busy, onChangeRole, onRemove, version }) {
  const { t } = useTranslation("studios");
  const roles = rolesICanGive(can);
  return (
    <div className="table-wrap">
      <table className="table-stack members-table">
        <thead>
          <tr>
            <th scope="col">{t("members.columns.name")}</th>
            <th scope="col">{t("members.columns.email")}</th>
            <th scope="col">{t("members.columns.role")}</th>
            <th scope="col">{t("members.columns.joined")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("members.columns.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <MemberRow
              key={`${member.user_id}-${member.role}-${version}`}
              member={member}
              me={me}
              roles={roles}
              mayHandle={canHandle(can, member.role)}
              busy={busy}
              onChangeRole={onChangeRole}
              onRemove={onRemove}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MembersPage() {
  const { t } = useTranslation("studios");
  usePageTitle(t("members.title"));
  const { user } = useAuth();
  const { studio, can } = useStudio();
  const members = useMembers();
  const changeRole = useChangeRole();
  const remove = useRemoveMember();
  const [removing, setRemoving] = useState(null);
  const [notice, setNotice] = useState(null);
  const [refusal, setRefusal] = useState(null); // {error, title}
  const [version, setVersion] = useState(0); // a refused change puts the rows' selects back

  const refused = (title) => (error) => {
    setRefusal({ error, title });
    setVersion((count) => count + 1);
  };
  const onChangeRole = (member, role) => {
    setNotice(null);
    setRefusal(null);
    changeRole.mutate(
      { userId: member.user_id, role },
      { onSuccess: () => setNotice(t("members.roleChanged", { name: member.name, role: roleInSentence(role) })), onError: refused(t("members.roleNotChanged", { name: member.name })) },
    );
  };
  const confirmRemove = () => {
    setNotice(null);
    setRefusal(null);
    remove.mutate(removing.user_id, {
      onSuccess: () => setNotice(t("members.removed", { name: removing.name, studio: studio.name })),
      onError: refused(t("members.notRemoved", { name: removing.name })),
      onSettled: () => setRemoving(null),
    });
  };

  let list;
  if (members.isPending) list = <Loading label={t("members.loading")} />;
  else if (members.isError) list = <ErrorMessage error={members.error} title={t("members.notLoaded")} onRetry={() => members.refetch()} />;
  else if (members.data.length === 0) list = <EmptyState title={t("members.none")} />;
  else {
    const busy = changeRole.isPending || remove.isPending;
    list = <MembersTable members={members.data} me={user?.id} can={can} busy={busy} onChangeRole={onChangeRole} onRemove={setRemoving} version={version} />;
  }

  return (
    <section className="page members-page">
      <h1>{t("members.title")}</h1>
      <p className="muted">{studio ? t("members.intro", { studio: studio.name }) : t("members.introNoStudio")}</p>
      <SuccessMessage>{notice}</SuccessMessage>
      <Refusal error={refusal?.error} title={refusal?.title} />
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{t("members.team")}</h2>
        {list}
      </section>
      {can("members.staff") && <InviteForm key={studio?.slug} roles={rolesICanGive(can)} onSent={(sent) => setNotice(sentNotice(sent))} />}
      {can("members.staff") && <Invitations key={`invitations-${studio?.slug}`} />}
      {removing && (
        <ConfirmDialog
          title={t("members.confirm.title", { name: removing.name })}
          confirmLabel={t("members.confirm.yes")}
          cancelLabel={t("members.confirm.keep")}
          danger
          busy={remove.isPending}
          onConfirm={confirmRemove}
          onCancel={() => setRemoving(null)}
        >
          <p>
            {studio
              ? t("members.confirm.body", { name: removing.name, role: roleName(removing.role).toLowerCase(), studio: studio.name })
              : t("members.confirm.bodyNoStudio", { name: removing.name, role: roleName(removing.role).toLowerCase() })}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
