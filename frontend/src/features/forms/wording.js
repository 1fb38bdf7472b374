/** The words of forms and waivers that depend on a value: a form's kind, a person's status for it. */
import { t } from "../../lib/i18n.js";

const KINDS = { waiver: "forms:kind.waiver", health: "forms:kind.health", photo_consent: "forms:kind.photo_consent" };
const STATUSES = { current: "forms:status.current", missing: "forms:status.missing", outdated: "forms:status.outdated" };

/** The form kinds a studio writes, in the order the editor offers them. */
export const FORM_KINDS = Object.keys(KINDS);

/** "Liability waiver", "Health questionnaire", "Photo consent". */
export const kindName = (kind) => (KINDS[kind] ? t(KINDS[kind]) : kind);

/** "Signed", "Not signed yet", "New version to sign". */
export const statusText = (status) => (STATUSES[status] ? t(STATUSES[status]) : status);

/** The pill's class of a status: signed is ok, the others want a signature. */
export const statusClass = (status) => (status === "current" ? "pill ok" : "pill warn");
