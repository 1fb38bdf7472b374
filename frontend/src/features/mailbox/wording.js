/** The mailbox's messages its tests read too: each a function, so it reads in the app's language of the moment. */
import { t } from "../../lib/i18n.js";

export const noMailbox = () => t("mailbox:page.noMailbox");
export const nothingChanged = () => t("mailbox:texts.nothingChanged");
