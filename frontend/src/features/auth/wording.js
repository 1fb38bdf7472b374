/** The auth pages' messages their tests read too: each a function, so it reads in the app's language of the moment. */
import { t } from "../../lib/i18n.js";

export const resetRequested = () => t("auth:forgot.requested");
export const wrongCredentials = () => t("auth:login.wrongCredentials");
export const wrongDoor = () => t("auth:login.wrongDoor");
export const passwordResetDone = () => t("auth:reset.done");
export const resetLinkNotValid = () => t("auth:reset.linkNotValid");
