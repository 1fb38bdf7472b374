/** The client book's refusals as staff read them: the CRM down is not the book broken. */
import { t } from "../../lib/i18n.js";

/** No answer, or a gateway saying the CRM is down. */
const unreachable = (error) => error?.status === 0 || [502, 503, 504].includes(error?.status);

// Keys in the clients catalogue, by the CRM's code.
const MESSAGES = {
  note_locked: "clients:errors.noteLocked",
  merge_refused: "clients:errors.mergeRefused",
  merge_final: "clients:errors.mergeFinal",
  studio_not_found: "clients:errors.studioNotFound",
  segment_not_found: "clients:errors.segmentNotFound",
  segment_limit: "clients:errors.segmentLimit",
};

/** The error to show: a known code's sentence, the reassuring one when the CRM is out of reach, else the CRM's. */
export function bookError(error) {
  if (!error) return null;
  if (unreachable(error)) return { message: t("clients:errors.crmDown") };
  return MESSAGES[error.code] ? { message: t(MESSAGES[error.code]) } : error;
}
