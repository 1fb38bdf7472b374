/** The account pages' messages their tests read too: each a function, so it reads in the app's language of the moment. */
import { t } from "../../lib/i18n.js";

export const feedExplanation = () => t("account:calendarFeed.explanation");
export const copiedText = () => t("account:calendarFeed.copied");
export const copyByHand = () => t("account:calendarFeed.copyByHand");
export const billingSaved = () => t("account:billing.saved");
export const billingRemoved = () => t("account:billing.removed");
export const whatGoes = () => t("account:delete.whatGoes");
export const nameSaved = () => t("account:details.nameSaved");
export const namesSaved = () => t("account:details.namesSaved");
export const otherNameSaved = () => t("account:details.otherNameSaved");
export const otherNameRemoved = () => t("account:details.otherNameRemoved");
export const birthdaySaved = () => t("account:details.birthdaySaved");
export const birthdayRemoved = () => t("account:details.birthdayRemoved");
export const remindersLabel = () => t("account:reminders.label");
export const remindersOn = () => t("account:reminders.on");
export const remindersOff = () => t("account:reminders.off");
export const passwordChanged = () => t("account:password.changed");
export const phoneLabel = () => t("account:phone.label");
export const phoneSaved = () => t("account:phone.saved");
export const smsLabel = () => t("account:phone.smsLabel");
export const codeLabel = () => t("account:verification.codeLabel");
export const verifiedText = () => t("account:verification.verified");
export const notVerifiedText = () => t("account:verification.notVerified");
export const stoppedText = () => t("account:verification.stopped");
export const linkNotValid = () => t("account:unsubscribe.linkNotValid");
export const languageSaved = () => t("account:language.saved");
