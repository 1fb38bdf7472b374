/** Every page but the catalogue (the home page, which App.jsx imports itself), each loaded when first opened: a
 *  visitor's first load carries the catalogue and the frame, not the staff pages, the check-in desk with its QR
 *  scanner, the reports' charts or the account pages. Each import() is a chunk of its own in the build. */
import { lazy } from "react";
import { loadAllWords } from "../lib/i18n.js";

/** A lazy component from a module's named export (React.lazy wants a default one), for a page people land on: its
 *  words are in the language's first bundle (src/lib/i18n.js). */
const landingPage = (load, name) => lazy(() => load().then((module) => ({ default: module[name] })));

/** A lazy page that renders once the language's other words have come too. */
const lazyPage = (load, name) => lazy(() => Promise.all([load(), loadAllWords()]).then(([module]) => ({ default: module[name] })));

// Public pages; the event and timetable pages come with the booking flow the app layer adds to them.
export const BookableEventPage = landingPage(() => import("./BookableEventPage.jsx"), "BookableEventPage");
export const BookableTimetablePage = landingPage(() => import("./BookableTimetablePage.jsx"), "BookableTimetablePage");
export const StudioPage = landingPage(() => import("../features/studios/components/StudioPage.jsx"), "StudioPage");
export const OfferPage = lazyPage(() => import("../features/offers/components/OfferPage.jsx"), "OfferPage");
export const FeedbackPage = lazyPage(() => import("../features/feedback/components/FeedbackPage.jsx"), "FeedbackPage");
export const UnsubscribeWithMarketing = lazyPage(() => import("./UnsubscribeWithMarketing.jsx"), "UnsubscribeWithMarketing");
export const AcceptInvitationPage = lazyPage(() => import("../features/studios/components/AcceptInvitationPage.jsx"), "AcceptInvitationPage");
// A studio's widget on its own site: no site frame around it (components/EmbedFrame.jsx).
export const EmbedTimetable = landingPage(() => import("../features/events/components/EmbedTimetable.jsx"), "EmbedTimetable");
export const EmbedEvent = landingPage(() => import("../features/events/components/EmbedEvent.jsx"), "EmbedEvent");
export const MailboxPage = lazyPage(() => import("../features/mailbox/components/MailboxPage.jsx"), "MailboxPage");

// Signing in and the signed-in person's own pages.
export const LoginPage = lazyPage(() => import("../features/auth/components/LoginPage.jsx"), "LoginPage");
export const RegisterPage = lazyPage(() => import("../features/auth/components/RegisterPage.jsx"), "RegisterPage");
export const ForgotPasswordPage = lazyPage(() => import("../features/auth/components/ForgotPasswordPage.jsx"), "ForgotPasswordPage");
export const ResetPasswordPage = lazyPage(() => import("../features/auth/components/ResetPasswordPage.jsx"), "ResetPasswordPage");
export const AccountPage = lazyPage(() => import("../features/account/components/AccountPage.jsx"), "AccountPage");
export const MyBookingsWithCheckinCodes = lazyPage(() => import("./MyBookingsWithCheckinCodes.jsx"), "MyBookingsWithCheckinCodes");
export const MyPassesPage = lazyPage(() => import("../features/passes/components/MyPassesPage.jsx"), "MyPassesPage");
export const NotificationsPage = lazyPage(() => import("../features/notifications/components/NotificationsPage.jsx"), "NotificationsPage");
export const PaymentReturnPage = lazyPage(() => import("../features/bookings/components/PaymentReturnPage.jsx"), "PaymentReturnPage");
export const InstalmentPayPage = lazyPage(() => import("../features/bookings/components/InstalmentPayPage.jsx"), "InstalmentPayPage");
export const JoinClassPage = lazyPage(() => import("../features/bookings/components/JoinClassPage.jsx"), "JoinClassPage");
export const GuestJoinPage = lazyPage(() => import("../features/bookings/components/JoinClassPage.jsx"), "GuestJoinPage");
export const MyFormsPage = lazyPage(() => import("../features/forms/components/MyFormsPage.jsx"), "MyFormsPage");
export const SignFormPage = lazyPage(() => import("../features/forms/components/SignFormPage.jsx"), "SignFormPage");
export const BookPrivatePage = lazyPage(() => import("../features/privates/components/BookPrivatePage.jsx"), "BookPrivatePage");
export const MyPrivatesPage = lazyPage(() => import("../features/privates/components/MyPrivatesPage.jsx"), "MyPrivatesPage");
export const PrivatesBoardWithDesk = lazyPage(() => import("./PrivatesBoardWithDesk.jsx"), "PrivatesBoardWithDesk");
export const PrivateServicesPage = lazyPage(() => import("../features/privates/components/PrivateServicesPage.jsx"), "PrivateServicesPage");
export const MyHoursPage = lazyPage(() => import("../features/privates/components/MyHoursPage.jsx"), "MyHoursPage");
export const CreateStudioPage = lazyPage(() => import("../features/studios/components/CreateStudioPage.jsx"), "CreateStudioPage");

// The staff area.
export const DashboardPage = lazyPage(() => import("../features/programme/components/DashboardPage.jsx"), "DashboardPage");
export const CreateEventPage = lazyPage(() => import("../features/programme/components/CreateEventPage.jsx"), "CreateEventPage");
export const ManageEventWithForms = lazyPage(() => import("./ManageEventWithForms.jsx"), "ManageEventWithForms");
export const SessionPage = lazyPage(() => import("../features/programme/components/SessionPage.jsx"), "SessionPage");
export const CheckinWithClientCards = lazyPage(() => import("./CheckinWithClientCards.jsx"), "CheckinWithClientCards");
export const PassesPage = lazyPage(() => import("../features/programme/components/PassesPage.jsx"), "PassesPage");
export const CodesPage = lazyPage(() => import("../features/programme/components/CodesPage.jsx"), "CodesPage");
export const ApprovalsPage = lazyPage(() => import("../features/programme/components/ApprovalsPage.jsx"), "ApprovalsPage");
export const InboxWithWhatsapp = lazyPage(() => import("./InboxWithWhatsapp.jsx"), "InboxWithWhatsapp");
export const MembersPage = lazyPage(() => import("../features/studios/components/MembersPage.jsx"), "MembersPage");
export const StudioSettingsWithWhatsapp = lazyPage(() => import("./StudioSettingsWithWhatsapp.jsx"), "StudioSettingsWithWhatsapp");
export const FrontDeskPage = lazyPage(() => import("../features/desk/components/FrontDeskPage.jsx"), "FrontDeskPage");
export const MyTeachingPage = lazyPage(() => import("../features/teaching/components/MyTeachingPage.jsx"), "MyTeachingPage");
export const FormsPage = lazyPage(() => import("../features/forms/components/FormsPage.jsx"), "FormsPage");
export const ApiTokensPage = lazyPage(() => import("../features/connections/components/ApiTokensPage.jsx"), "ApiTokensPage");
export const WebhooksPage = lazyPage(() => import("../features/connections/components/WebhooksPage.jsx"), "WebhooksPage");
export const AutomationsPage = lazyPage(() => import("../features/automations/components/AutomationsPage.jsx"), "AutomationsPage");
export const AuditPage = lazyPage(() => import("../features/audit/components/AuditPage.jsx"), "AuditPage");
export const InvoicesPage = lazyPage(() => import("../features/invoices/components/InvoicesPage.jsx"), "InvoicesPage");
// Its charting library (some 400 kB) comes with it.
export const ReportsPage = lazyPage(() => import("../features/reports/components/ReportsPage.jsx"), "ReportsPage");
export const ClientsPage = lazyPage(() => import("../features/clients/components/ClientsPage.jsx"), "ClientsPage");
export const ClientPageWithWhatsapp = lazyPage(() => import("./ClientPageWithWhatsapp.jsx"), "ClientPageWithWhatsapp");
export const IntegrationPage = lazyPage(() => import("../features/integration/components/IntegrationPage.jsx"), "IntegrationPage");
export const AdminStudiosPage = lazyPage(() => import("../features/admin/components/AdminStudiosPage.jsx"), "AdminStudiosPage");
