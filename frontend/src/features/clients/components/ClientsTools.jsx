/** The client list's actions: "Download CSV" of what the list shows (its filters or segment; everyone who sees the
 *  book), with clients.write on the whole book "Save as segment" and renaming or deleting the applied one, and with
 *  clients.email "Email this segment" (the applied one's clients who gave marketing consent). */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { useStudio } from "../../../lib/studio.jsx";
import { useClientBook } from "../api.js";
import { bookError } from "../errors.js";
import { sentText } from "../marketing-words.js";
import { useDeleteSegment, useDownloadClients, useSegments } from "../segments-api.js";
import { SegmentEmailForm } from "./SegmentEmail.jsx";
import { RenameSegmentForm, SaveSegmentForm } from "./SegmentForms.jsx";

function DeleteDialog({ segment, onDeleted, onCancel }) {
  const { t } = useTranslation("clients");
  const remove = useDeleteSegment();
  return (
    <ConfirmDialog title={t("tools.deleteTitle", { name: segment.name })} confirmLabel={t("tools.deleteConfirm")} danger busy={remove.isPending} onConfirm={() => remove.mutate(segment.id, { onSuccess: onDeleted })} onCancel={onCancel}>
      <p>{t("tools.deleteText")}</p>
      <ErrorMessage error={bookError(remove.error)} title={t("tools.notDeleted")} />
    </ConfirmDialog>
  );
}

/** open: {kind: "save" | "rename" | "delete" | "email", segment} (the segment as it was when opened, so a dialog outlives
 *  the list read again) or null. */
function SegmentPanel({ open, tag, onDone }) {
  const { t } = useTranslation("clients");
  const cancel = () => onDone(null);
  const segment = open?.segment;
  if (open?.kind === "save") return <SaveSegmentForm tag={tag} onCancel={cancel} onSaved={(saved) => onDone(t("tools.saved", { name: saved.name }), String(saved.id))} />;
  if (open?.kind === "rename") return <RenameSegmentForm segment={segment} onCancel={cancel} onRenamed={(renamed) => onDone(t("tools.renamed", { name: renamed.name }))} />;
  if (open?.kind === "email") return <SegmentEmailForm segment={segment} onCancel={cancel} onSent={(sent) => onDone(sentText(sent.recipients))} />;
  if (open?.kind === "delete") return <DeleteDialog segment={segment} onCancel={cancel} onDeleted={() => onDone(t("tools.deleted", { name: segment.name }), "")} />;
  return null;
}

/** The writer's segment buttons: save one, and rename or delete the applied one (segment, null for none). */
function SegmentButtons({ open, segment, onOpen }) {
  const { t } = useTranslation("clients");
  const toggle = (kind) => onOpen(open?.kind === kind ? null : { kind, segment });
  return (
    <>
      <button type="button" className="button secondary" aria-expanded={open?.kind === "save"} onClick={() => toggle("save")}>
        {t("tools.save")}
      </button>
      {segment && (
        <>
          <button type="button" className="button secondary" aria-expanded={open?.kind === "rename"} onClick={() => toggle("rename")}>
            {t("tools.rename")}
          </button>
          <button type="button" className="button secondary" onClick={() => onOpen({ kind: "delete", segment })}>
            {t("tools.delete")}
          </button>
        </>
      )}
    </>
  );
}

/** filters: the list's applied {q, tag, segment}; onPick(id) applies a segment ("" none). */
export function ClientsTools({ filters, onPick }) {
  const { t } = useTranslation("clients");
  const book = useClientBook();
  const { can } = useStudio();
  const writes = book.may.all && book.may.write;
  const segments = useSegments();
  const segment = (segments.data ?? []).find((one) => String(one.id) === filters.segment) ?? null;
  const download = useDownloadClients();
  const [open, setOpen] = useState(null);
  const [said, setSaid] = useState(null);
  const show = (next) => {
    setOpen(next);
    setSaid(null);
  };
  const done = (message, pick) => {
    setOpen(null);
    setSaid(message);
    if (pick !== undefined) onPick(pick);
  };
  if (!book.enabled) return null; // the studio is not known yet: nothing to download or save
  // An email is written to the segment it was opened on: another picked closes it.
  const panel = open?.kind === "email" && String(open.segment.id) !== filters.segment ? null : open;
  return (
    <section className="clients-tools" aria-label={t("tools.label")}>
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => !download.isPending && download.mutate(filters)} aria-disabled={download.isPending || undefined} aria-busy={download.isPending}>
          {t("tools.download")}
        </button>
        {writes && <SegmentButtons open={open} segment={segment} onOpen={show} />}
        {segment && book.may.all && can("clients.email") && (
          <button type="button" className="button secondary" aria-expanded={panel?.kind === "email"} onClick={() => show(panel?.kind === "email" ? null : { kind: "email", segment })}>
            {t("tools.email")}
          </button>
        )}
      </div>
      <ErrorMessage error={bookError(download.error)} title={t("tools.downloadFailed")} />
      <SuccessMessage>{said}</SuccessMessage>
      {panel && <SegmentPanel open={panel} tag={filters.tag} onDone={done} />}
    </section>
  );
}
