/** One automation: its switch and figures, its editor (its trigger and steps read-only while it is on), who would
 *  enter it now, the people in it, and deleting it after asking. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { useAutomation, useDeleteAutomation, useRefreshAutomations } from "../api.js";
import { triggerWords } from "../words.js";
import { AutomationEditor } from "./AutomationEditor.jsx";
import { AutomationSwitch, Figures } from "./AutomationParts.jsx";
import { EntriesSection } from "./EntriesSection.jsx";
import { PreviewSection } from "./PreviewSection.jsx";

function DeleteDialog({ automation, onDeleted, onClose }) {
  const { t } = useTranslation("automations");
  const remove = useDeleteAutomation();
  // The promise, not mutate's own callback: that one is dropped if this dialog is gone before the answer comes.
  const confirm = () => !remove.isPending && remove.mutateAsync(automation.id).then(onDeleted, () => {});
  return (
    <ConfirmDialog title={t("delete.title", { name: automation.name })} confirmLabel={t("delete.confirm")} danger busy={remove.isPending} onConfirm={confirm} onCancel={onClose}>
      <p>{t("delete.body")}</p>
      {remove.error && <ErrorMessage error={remove.error} title={t("delete.notDeleted")} />}
    </ConfirmDialog>
  );
}

/** id: the automation's; said: what the page says on arrival ({text}: made from a template or written anew);
 *  onDeleted() once it is gone. */
export function AutomationDetail({ id, said, onDeleted }) {
  const { t } = useTranslation("automations");
  const automation = useAutomation(id);
  const refresh = useRefreshAutomations();
  const [refreshing, setRefreshing] = useState(false);
  const reread = () => {
    if (refreshing) return;
    setRefreshing(true);
    refresh().finally(() => setRefreshing(false));
  };
  const [conflict, setConflict] = useState(null);
  const [deleting, setDeleting] = useState(false);
  // Opened from a link that is gone now: the keyboard goes on from its heading once it is there, or from what the
  // page says on arrival.
  const headingRef = useFocusOnAppear(automation.data ? id : null);
  const saidRef = useFocusOnAppear(said);
  if (automation.isPending) return <Loading />;
  if (automation.error) return <ErrorMessage error={automation.error} title={t("page.oneNotLoaded")} onRetry={() => automation.refetch()} />;
  const current = automation.data;
  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {current.name}
      </h1>
      {said && (
        <div ref={saidRef} tabIndex={-1} className="outcome">
          <SuccessMessage>{said.text}</SuccessMessage>
        </div>
      )}
      <section className="card automation-summary" aria-label={t("page.summary")}>
        <p>{t("list.when", { trigger: triggerWords(current.trigger) })}</p>
        <AutomationSwitch automation={current} />
        <Figures automation={current} />
        <button type="button" className="button secondary small" aria-disabled={refreshing || undefined} onClick={reread}>
          {t("page.refresh")}
        </button>
      </section>
      {conflict && (
        <div className="alert alert-error" role="alert">
          {t("editor.conflict")}
        </div>
      )}
      <AutomationEditor key={`${current.id}-${current.active}`} automation={current} onSaved={() => setConflict(null)} onConflict={setConflict} />
      <PreviewSection automation={current} />
      <EntriesSection automation={current} />
      <section className="automation-danger" aria-labelledby="automation-delete-title">
        <h2 id="automation-delete-title">{t("delete.heading")}</h2>
        <p className="muted">{t("delete.body")}</p>
        <button type="button" className="button danger" onClick={() => setDeleting(true)}>
          {t("delete.button")}
        </button>
      </section>
      {deleting && <DeleteDialog automation={current} onDeleted={onDeleted} onClose={() => setDeleting(false)} />}
    </>
  );
}
