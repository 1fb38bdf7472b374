/** Two clients of the same person made one: the clients merged into this one (each undone for 30 days), and with
 *  clients.write, finding a duplicate and merging it into this client after a confirmation. */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { Field } from "../../../components/Field.jsx";
import { formatDate } from "../../../lib/format.js";
import { useSettled } from "../../../lib/use-settled.js";
import { useClients, useMerge, useUnmerge } from "../api.js";
import { bookError } from "../errors.js";
import { clientName } from "../wording.js";
import { WAIT_MS } from "./ClientFilters.jsx";

const PICK_SIZE = 8;

/** The search for the duplicate: the studio's other clients matching what is typed. */
function DuplicatePicker({ clientId, onPick }) {
  const { t } = useTranslation("clients");
  const id = useId();
  const [typed, setTyped] = useState("");
  const q = useSettled(typed.trim(), WAIT_MS);
  const found = useClients({ q }, 1, { perPage: PICK_SIZE, enabled: q.length > 0 });
  const others = (found.data?.items ?? []).filter((client) => client.id !== Number(clientId));
  return (
    <div className="client-merge-picker">
      <Field id={`${id}-find`} label={t("merge.find")} hint={t("merge.findHint")}>
        {(control) => <input {...control} type="search" autoComplete="off" maxLength={200} value={typed} onChange={(event) => setTyped(event.target.value)} />}
      </Field>
      <ErrorMessage error={bookError(found.error)} title={t("merge.searchFailed")} />
      {q && found.data && !others.length && <p className="muted small-text">{t("merge.noMatch")}</p>}
      {others.length > 0 && (
        <ul className="client-merge-found" aria-label={t("merge.found")}>
          {others.map((client) => (
            <li key={client.id}>
              <button type="button" className="button secondary" onClick={() => onPick(client)}>
                {t("merge.pick", { name: clientName(client) })}
                {client.email && <span className="muted small-text"> {client.email}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function MergedList({ merged, canWrite, onUndo }) {
  const { t } = useTranslation("clients");
  if (!merged?.length) return null;
  return (
    <ul className="client-merged">
      {merged.map((client) => (
        <li key={client.id}>
          {clientName(client)} {client.email && <span className="muted small-text">{client.email}</span>}
          <span className="muted small-text">{t("merge.mergedOn", { date: formatDate(client.merged_at) })}</span>{" "}
          {canWrite && (
            <button type="button" className="button-link" onClick={() => onUndo(client)}>
              {t("merge.undo", { name: clientName(client) })}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** profile: the kept client's; canWrite: clients.write. */
export function ClientMerge({ profile, canWrite }) {
  const { t } = useTranslation("clients");
  const [picked, setPicked] = useState(null);
  const [done, setDone] = useState(null);
  const merge = useMerge();
  const unmerge = useUnmerge();
  if (!canWrite && !profile.merged?.length) return null;
  const confirm = () =>
    merge.mutate(
      { merged: picked.id, into: profile.id },
      {
        onSuccess: () => {
          setDone(t("merge.done", { merged: clientName(picked), kept: clientName(profile) }));
          setPicked(null);
        },
        onError: () => setPicked(null),
      },
    );
  const undo = (client) =>
    !unmerge.isPending && unmerge.mutate(client.id, { onSuccess: () => setDone(t("merge.undone", { name: clientName(client) })) });
  return (
    <section aria-labelledby="client-merge">
      <h2 id="client-merge">{t("merge.heading")}</h2>
      <p className="muted">{t("merge.intro")}</p>
      <MergedList merged={profile.merged} canWrite={canWrite} onUndo={undo} />
      <SuccessMessage>{done}</SuccessMessage>
      <ErrorMessage error={bookError(merge.error ?? unmerge.error)} title={t("merge.notDone")} />
      {canWrite && <DuplicatePicker clientId={profile.id} onPick={setPicked} />}
      {picked && (
        <ConfirmDialog title={t("merge.confirmTitle", { merged: clientName(picked), kept: clientName(profile) })} confirmLabel={t("merge.confirm")} busy={merge.isPending} onConfirm={confirm} onCancel={() => setPicked(null)}>
          <p>
            {picked.email
              ? t("merge.confirmTextEmail", { merged: clientName(picked), email: picked.email, kept: clientName(profile) })
              : t("merge.confirmText", { merged: clientName(picked), kept: clientName(profile) })}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
