/** /facilitator/members: the current studio's members and their roles; inviting someone, changing a role and removing
 *  a member, as far as my role reaches (members.staff: instructors and front desk; members.all: anyone). */
import { useState } from "react";
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
  const teaches = error?.code === "member_teaches";
  const events = useStudioEvents({ enabled: teaches });
  if (!error) return null;
  const ids = teaches ? (error.details?.session_ids ?? []) : [];
  const names = sessionNames(ids, events.data);
  return (
    <>
      <ErrorMessage error={{ message: memberRefusal(error, events.data) }} title={title} />
      {ids.length > 0 && (
        <ul className="handover-links" aria-label="Sessions to give another teacher">
          {ids.map((id, index) => (
            <li key={id}>
              <Link to={paths.facilitatorSession(id)}>Give {names[index]} another teacher</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function MembersTable({ members, me, can, busy, onChangeRole, onRemove, version }) {
  const roles = rolesICanGive(can);
  return (
    <div className="table-wrap">
      <table className="table-stack members-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Joined</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
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
  usePageTitle("Members");
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
      { onSuccess: () => setNotice(`${member.name} is now ${roleInSentence(role)}.`), onError: refused(`${member.name}'s role was not changed.`) },
    );
  };
  const confirmRemove = () => {
    setNotice(null);
    setRefusal(null);
    remove.mutate(removing.user_id, {
      onSuccess: () => setNotice(`${removing.name} is no longer a member of ${studio.name}.`),
      onError: refused(`${removing.name} was not removed.`),
      onSettled: () => setRemoving(null),
    });
  };

  let list;
  if (members.isPending) list = <Loading label="Loading the members…" />;
  else if (members.isError) list = <ErrorMessage error={members.error} title="Couldn't load the members." onRetry={() => members.refetch()} />;
  else if (members.data.length === 0) list = <EmptyState title="No members yet." />;
  else {
    const busy = changeRole.isPending || remove.isPending;
    list = <MembersTable members={members.data} me={user?.id} can={can} busy={busy} onChangeRole={onChangeRole} onRemove={setRemoving} version={version} />;
  }

  return (
    <section className="page members-page">
      <h1>Members</h1>
      <p className="muted">
        The people who run {studio?.name ?? "the studio"} with you, and what each may do: owners everything; managers all but the studio's settings,
        payments and its owners and managers; instructors the sessions they teach; front desk check-in, walk-ins and desk sales.
      </p>
      <SuccessMessage>{notice}</SuccessMessage>
      <Refusal error={refusal?.error} title={refusal?.title} />
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">The team</h2>
        {list}
      </section>
      {can("members.staff") && <InviteForm key={studio?.slug} roles={rolesICanGive(can)} onSent={(sent) => setNotice(sentNotice(sent))} />}
      {can("members.staff") && <Invitations key={`invitations-${studio?.slug}`} />}
      {removing && (
        <ConfirmDialog title={`Remove ${removing.name}?`} confirmLabel="Yes, remove" cancelLabel="Keep them" danger busy={remove.isPending} onConfirm={confirmRemove} onCancel={() => setRemoving(null)}>
          <p>
            {removing.name} ({roleName(removing.role).toLowerCase()}) will no longer reach {studio?.name ?? "the studio"}'s staff pages. You can invite them again later.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
