/** The client list's actions: "Download CSV" of what the list shows (its filters or segment; everyone who sees the
 *  book), with clients.write on the whole book "Save as segment" and renaming or deleting the applied one, and with
 *  clients.email "Email this segment" (the applied one's clients who gave marketing consent). */
import { useState } from "react";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { useStudio } from "../../../lib/studio.jsx";
import { useClientBook } from "../api.js";
import { bookError } from "../errors.js";
import { clients } from "../marketing-words.js";
import { useDeleteSegment, useDownloadClients, useSegments } from "../segments-api.js";
import { SegmentEmailForm } from "./SegmentEmail.jsx";
import { RenameSegmentForm, SaveSegmentForm } from "./SegmentForms.jsx";

function DeleteDialog({ segment, onDeleted, onCancel }) {
  const remove = useDeleteSegment();
  return (
    <ConfirmDialog title={`Delete the segment “${segment.name}”?`} confirmLabel="Delete segment" danger busy={remove.isPending} onConfirm={() => remove.mutate(segment.id, { onSuccess: onDeleted })} onCancel={onCancel}>
      <p>The segment goes; its clients stay in the book, untouched.</p>
      <ErrorMessage error={bookError(remove.error)} title="The segment was not deleted." />
    </ConfirmDialog>
  );
}

/** open: {kind: "save" | "rename" | "delete" | "email", segment} (the segment as it was when opened, so a dialog outlives
 *  the list read again) or null. */
function SegmentPanel({ open, tag, onDone }) {
  const cancel = () => onDone(null);
  const segment = open?.segment;
  if (open?.kind === "save") return <SaveSegmentForm tag={tag} onCancel={cancel} onSaved={(saved) => onDone(`Segment “${saved.name}” saved.`, String(saved.id))} />;
  if (open?.kind === "rename") return <RenameSegmentForm segment={segment} onCancel={cancel} onRenamed={(renamed) => onDone(`Segment renamed “${renamed.name}”.`)} />;
  if (open?.kind === "email") return <SegmentEmailForm segment={segment} onCancel={cancel} onSent={(sent) => onDone(`Sent to ${clients(sent.recipients)}.`)} />;
  if (open?.kind === "delete") return <DeleteDialog segment={segment} onCancel={cancel} onDeleted={() => onDone(`Segment “${segment.name}” deleted.`, "")} />;
  return null;
}

/** The writer's segment buttons: save one, and rename or delete the applied one (segment, null for none). */
function SegmentButtons({ open, segment, onOpen }) {
  const toggle = (kind) => onOpen(open?.kind === kind ? null : { kind, segment });
  return (
    <>
      <button type="button" className="button secondary" aria-expanded={open?.kind === "save"} onClick={() => toggle("save")}>
        Save as segment
      </button>
      {segment && (
        <>
          <button type="button" className="button secondary" aria-expanded={open?.kind === "rename"} onClick={() => toggle("rename")}>
            Rename segment
          </button>
          <button type="button" className="button secondary" onClick={() => onOpen({ kind: "delete", segment })}>
            Delete segment
          </button>
        </>
      )}
    </>
  );
}

/** filters: the list's applied {q, tag, segment}; onPick(id) applies a segment ("" none). */
export function ClientsTools({ filters, onPick }) {
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
    <section className="clients-tools" aria-label="Client list actions">
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => !download.isPending && download.mutate(filters)} aria-disabled={download.isPending || undefined} aria-busy={download.isPending}>
          Download CSV
        </button>
        {writes && <SegmentButtons open={open} segment={segment} onOpen={show} />}
        {segment && book.may.all && can("clients.email") && (
          <button type="button" className="button secondary" aria-expanded={panel?.kind === "email"} onClick={() => show(panel?.kind === "email" ? null : { kind: "email", segment })}>
            Email this segment
          </button>
        )}
      </div>
      <ErrorMessage error={bookError(download.error)} title="The CSV could not be downloaded." />
      <SuccessMessage>{said}</SuccessMessage>
      {panel && <SegmentPanel open={panel} tag={filters.tag} onDone={done} />}
    </section>
  );
}
