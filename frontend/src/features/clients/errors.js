/** The client book's refusals as staff read them: the CRM down is not the book broken. */

/** No answer, or a gateway saying the CRM is down. */
const unreachable = (error) => error?.status === 0 || [502, 503, 504].includes(error?.status);

export const CRM_DOWN_MESSAGE = "The client book can't be reached right now (the CRM service is down). Nothing is lost: try again in a moment.";

const MESSAGES = {
  note_locked: "This note was written more than 24 hours ago: it is kept as written. Add a new note instead.",
  merge_refused: "These two can't be merged: a client can't be merged into themselves, nor one that others are merged into.",
  merge_final: "This merge was made more than 30 days ago: it is now final.",
  studio_not_found: "Your role at this studio doesn't include its client book.",
  segment_not_found: "This segment no longer exists (it may have been deleted): choose another, or show all clients.",
  segment_limit: "A studio keeps at most 50 segments: delete one you no longer use first.",
};

/** The error to show: a known code's sentence, the reassuring one when the CRM is out of reach, else the CRM's. */
export function bookError(error) {
  if (!error) return null;
  if (unreachable(error)) return { message: CRM_DOWN_MESSAGE };
  return MESSAGES[error.code] ? { message: MESSAGES[error.code] } : error;
}
