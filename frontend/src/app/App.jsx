/** Every page of the app, by URL: the app layer, the one place that puts features together. */
import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";
import { Loading } from "../components/Feedback.jsx";
import { NotFoundPage } from "../components/NotFoundPage.jsx";
import { RequireAuth } from "../components/RequireAuth.jsx";
import { Permitted, StaffArea } from "../components/StaffArea.jsx";
import { LoginPage } from "../features/auth/components/LoginPage.jsx";
import { RegisterPage } from "../features/auth/components/RegisterPage.jsx";
import { ForgotPasswordPage } from "../features/auth/components/ForgotPasswordPage.jsx";
import { ResetPasswordPage } from "../features/auth/components/ResetPasswordPage.jsx";
import { AccountPage } from "../features/account/components/AccountPage.jsx";
import { MailboxPage } from "../features/mailbox/components/MailboxPage.jsx";
import { EventsPage } from "../features/events/components/EventsPage.jsx";
import { MyPassesPage } from "../features/passes/components/MyPassesPage.jsx";
import { NotificationsPage } from "../features/notifications/components/NotificationsPage.jsx";
import { InstalmentPayPage } from "../features/bookings/components/InstalmentPayPage.jsx";
import { JoinClassPage } from "../features/bookings/components/JoinClassPage.jsx";
import { PaymentReturnPage } from "../features/bookings/components/PaymentReturnPage.jsx";
import { OfferPage } from "../features/offers/components/OfferPage.jsx";
import { FeedbackPage } from "../features/feedback/components/FeedbackPage.jsx";
import { DashboardPage } from "../features/facilitator/components/DashboardPage.jsx";
import { CreateEventPage } from "../features/facilitator/components/CreateEventPage.jsx";
import { ManageEventPage } from "../features/facilitator/components/ManageEventPage.jsx";
import { SessionPage } from "../features/facilitator/components/SessionPage.jsx";
import { PassesPage } from "../features/facilitator/components/PassesPage.jsx";
import { ApprovalsPage } from "../features/facilitator/components/ApprovalsPage.jsx";
import { CodesPage } from "../features/facilitator/components/CodesPage.jsx";
import { InboxPage } from "../features/inbox/components/InboxPage.jsx";
import { AdminStudiosPage } from "../features/admin/components/AdminStudiosPage.jsx";
import { IntegrationPage } from "../features/integration/components/IntegrationPage.jsx";
import { AcceptInvitationPage } from "../features/studios/components/AcceptInvitationPage.jsx";
import { CreateStudioPage } from "../features/studios/components/CreateStudioPage.jsx";
import { MembersPage } from "../features/studios/components/MembersPage.jsx";
import { StudioSettingsPage } from "../features/studios/components/StudioSettingsPage.jsx";
import { StudioPage } from "../features/studios/components/StudioPage.jsx";
import { FrontDeskPage } from "../features/desk/components/FrontDeskPage.jsx";
import { MyTeachingPage } from "../features/teaching/components/MyTeachingPage.jsx";
import { AuditPage } from "../features/audit/components/AuditPage.jsx";
import { InvoicesPage } from "../features/invoices/components/InvoicesPage.jsx";
import { ClientsPage } from "../features/clients/components/ClientsPage.jsx";
import { ClientPage } from "../features/clients/components/ClientPage.jsx";
import { paths, patterns } from "../lib/paths.js";
import { StudioProvider } from "../lib/studio.jsx";
import { AppLayout } from "./AppLayout.jsx";
import { BookableEventPage } from "./BookableEventPage.jsx";
import { BookableTimetablePage } from "./BookableTimetablePage.jsx";
import { CheckinWithClientCards } from "./CheckinWithClientCards.jsx";
import { MyBookingsWithCheckinCodes } from "./MyBookingsWithCheckinCodes.jsx";
import { UnsubscribeWithMarketing } from "./UnsubscribeWithMarketing.jsx";

// The permissions of the API's routes each page reads first (any one lets a member in).
const SEE_SESSIONS = ["sessions.own", "desk.checkin"];
const SEE_REGISTRANTS = ["registrants.own", "desk.checkin"];
const CHECK_IN = ["checkin.own", "desk.checkin"];
const SEE_CLIENTS = ["clients.view", "clients.own"];
const SEE_REPORTS = ["reports.view", "reports.own"];

// The reports page and its charts load when first opened: the rest of the app does not carry the charting library.
const ReportsPage = lazy(() => import("../features/reports/components/ReportsPage.jsx").then((module) => ({ default: module.ReportsPage })));
const loadingPage = <Loading label="Loading…" />;

export function App() {
  return (
    <StudioProvider>
      <Routes>
        <Route element={<AppLayout />}>
          <Route index element={<EventsPage />} />
          <Route path={patterns.event} element={<BookableEventPage />} />
          <Route path={paths.timetable} element={<BookableTimetablePage />} />
          <Route path={paths.login} element={<LoginPage />} />
          <Route path={paths.register} element={<RegisterPage />} />
          <Route path={paths.forgotPassword} element={<ForgotPasswordPage />} />
          <Route path={paths.resetPassword} element={<ResetPasswordPage />} />
          <Route path={paths.myBookings} element={<RequireAuth roles={["user"]}><MyBookingsWithCheckinCodes /></RequireAuth>} />
          {/* A pass's checkout comes back here too. */}
          <Route path={paths.myPasses} element={<RequireAuth roles={["user"]}><MyPassesPage /></RequireAuth>} />
          <Route path={paths.notifications} element={<RequireAuth roles={["user"]}><NotificationsPage /></RequireAuth>} />
          {/* Where a payment provider's checkout sends the person back. */}
          <Route path={patterns.bookingPayment} element={<RequireAuth roles={["user"]}><PaymentReturnPage /></RequireAuth>} />
          <Route path={patterns.instalmentPay} element={<RequireAuth roles={["user"]}><InstalmentPayPage /></RequireAuth>} />
          {/* An online or hybrid class's join link (a booking's join_url): on to the class's video. */}
          <Route path={patterns.join} element={<RequireAuth roles={["user"]}><JoinClassPage /></RequireAuth>} />
          <Route path={paths.account} element={<RequireAuth><AccountPage /></RequireAuth>} />
          {/* From a reminder email's footer: signed in or not. */}
          <Route path={paths.unsubscribe} element={<UnsubscribeWithMarketing />} />
          <Route path={patterns.offer} element={<OfferPage />} />
          {/* From the email after a session attended: the rating is recorded by the page, never by the link's GET. */}
          <Route path={paths.feedback} element={<FeedbackPage />} />
          {/* Development only (the API answers 404 elsewhere, and the page says so); no sign-in. */}
          <Route path={paths.mailbox} element={<MailboxPage />} />
          <Route path={paths.facilitatorLogin} element={<LoginPage staff />} />
          <Route path={paths.newStudio} element={<RequireAuth><CreateStudioPage /></RequireAuth>} />
          {/* A studio's public page: no sign-in. */}
          <Route path={patterns.studio} element={<StudioPage />} />
          {/* From an invitation's email: signed in or not (the page says how to sign in and come back). */}
          <Route path={patterns.invitation} element={<AcceptInvitationPage />} />
          {/* The staff area: a studio's members (each page as far as their role reaches) and facilitators without a
              studio (no front desk nor audit log: those are a studio's). */}
          <Route element={<StaffArea />}>
            <Route path={paths.facilitator} element={<DashboardPage />} />
            <Route path={paths.newEvent} element={<Permitted permission="events.manage"><CreateEventPage /></Permitted>} />
            <Route path={patterns.facilitatorEvent} element={<Permitted permission={SEE_SESSIONS}><ManageEventPage /></Permitted>} />
            <Route path={patterns.facilitatorSession} element={<Permitted permission={SEE_REGISTRANTS}><SessionPage /></Permitted>} />
            {/* The door of a session: works offline once opened online (the roster is kept on the device); the client
                book's cards of who is coming under it, for the roles that see the book. */}
            <Route path={patterns.facilitatorCheckin} element={<Permitted permission={CHECK_IN}><CheckinWithClientCards /></Permitted>} />
            <Route path={paths.inbox} element={<Permitted permission="inbox.read"><InboxPage /></Permitted>} />
            <Route path={paths.facilitatorPasses} element={<Permitted permission="passes.manage"><PassesPage /></Permitted>} />
            <Route path={paths.facilitatorCodes} element={<Permitted permission="passes.manage"><CodesPage /></Permitted>} />
            <Route path={paths.facilitatorApprovals} element={<Permitted permission="registrants.all"><ApprovalsPage /></Permitted>} />
            <Route path={paths.studioMembers} element={<Permitted permission="members.view"><MembersPage /></Permitted>} />
            <Route path={paths.frontDesk} element={<Permitted permission="desk.checkin"><FrontDeskPage /></Permitted>} />
            <Route path={paths.myTeaching} element={<Permitted permission="sessions.own"><MyTeachingPage /></Permitted>} />
            <Route path={paths.studioSettings} element={<Permitted permission="studio.payments"><StudioSettingsPage /></Permitted>} />
            <Route path={paths.studioAudit} element={<Permitted permission="audit.view"><AuditPage /></Permitted>} />
            <Route path={paths.studioInvoices} element={<Permitted permission="money.view"><InvoicesPage /></Permitted>} />
            <Route path={paths.reports} element={<Permitted permission={SEE_REPORTS}><Suspense fallback={loadingPage}><ReportsPage /></Suspense></Permitted>} />
            {/* The client book lives on the CRM; an instructor (clients.own) sees the people they teach. */}
            <Route path={paths.clients} element={<Permitted permission={SEE_CLIENTS}><ClientsPage /></Permitted>} />
            <Route path={patterns.client} element={<Permitted permission={SEE_CLIENTS}><ClientPage /></Permitted>} />
          </Route>
          {/* The platform's figures for an admin, the current studio's for its members with money.view (the page says
              which, and tells anyone else they have none). */}
          <Route path={paths.integration} element={<RequireAuth><IntegrationPage /></RequireAuth>} />
          <Route path={paths.adminStudios} element={<RequireAuth roles={["admin"]}><AdminStudiosPage /></RequireAuth>} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </StudioProvider>
  );
}
