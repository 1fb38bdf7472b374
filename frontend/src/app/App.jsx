/** Every page of the app, by URL: the app layer, the one place that puts features together. The catalogue loads with
 *  the app; every other page (./pages.js) when first opened, the frames (Layout, StaffArea, EmbedFrame) showing a
 *  loading state meanwhile. */
import { Route, Routes } from "react-router";
import { EmbedFrame } from "../components/EmbedFrame.jsx";
import { NotFoundPage } from "../components/NotFoundPage.jsx";
import { RequireAuth } from "../components/RequireAuth.jsx";
import { Permitted, StaffArea } from "../components/StaffArea.jsx";
import { EventsPage } from "../features/events/components/EventsPage.jsx";
import { paths, patterns } from "../lib/paths.js";
import { StudioProvider } from "../lib/studio.jsx";
import { AppLayout } from "./AppLayout.jsx";
import {
  AcceptInvitationPage,
  AccountPage,
  AdminStudiosPage,
  ApprovalsPage,
  ApiTokensPage,
  AuditPage,
  AutomationsPage,
  BookableEventPage,
  BookableTimetablePage,
  CheckinWithClientCards,
  ClientPageWithWhatsapp,
  ClientsPage,
  CodesPage,
  CreateEventPage,
  CreateStudioPage,
  DashboardPage,
  EmbedEvent,
  EmbedTimetable,
  FeedbackPage,
  ForgotPasswordPage,
  FormsPage,
  FrontDeskPage,
  GuestJoinPage,
  InboxWithWhatsapp,
  InstalmentPayPage,
  IntegrationPage,
  InvoicesPage,
  JoinClassPage,
  LoginPage,
  MailboxPage,
  ManageEventWithForms,
  MembersPage,
  MyBookingsWithCheckinCodes,
  MyFormsPage,
  MyPassesPage,
  MyPrivatesPage,
  BookPrivatePage,
  MyTeachingPage,
  MyHoursPage,
  PrivateServicesPage,
  PrivatesBoardWithDesk,
  NotificationsPage,
  OfferPage,
  PassesPage,
  PaymentReturnPage,
  RegisterPage,
  ReportsPage,
  ResetPasswordPage,
  SessionPage,
  SignFormPage,
  StudioPage,
  StudioSettingsWithWhatsapp,
  UnsubscribeWithMarketing,
  WebhooksPage,
} from "./pages.js";

// The permissions of the API's routes each page reads first (any one lets a member in).
const SEE_SESSIONS = ["sessions.own", "desk.checkin"];
const SEE_REGISTRANTS = ["registrants.own", "desk.checkin"];
const CHECK_IN = ["checkin.own", "desk.checkin"];
const SEE_CLIENTS = ["clients.view", "clients.own"];
const SEE_REPORTS = ["reports.view", "reports.own"];
const RUN_STUDIO = ["studio.settings", "studio.payments"];
const SEE_PRIVATES = ["appointments.board", "appointments.own"];

export function App() {
  return (
    <StudioProvider>
      <Routes>
        {/* A studio's widget, framed on its own site (public/embed.js): the content alone, no header, nav nor footer. */}
        <Route element={<EmbedFrame />}>
          <Route path={patterns.embedTimetable} element={<EmbedTimetable />} />
          <Route path={patterns.embedEvent} element={<EmbedEvent />} />
        </Route>
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
          <Route path={paths.myPrivates} element={<RequireAuth roles={["user"]}><MyPrivatesPage /></RequireAuth>} />
          <Route path={paths.notifications} element={<RequireAuth roles={["user"]}><NotificationsPage /></RequireAuth>} />
          {/* Where a payment provider's checkout sends the person back. */}
          <Route path={patterns.bookingPayment} element={<RequireAuth roles={["user"]}><PaymentReturnPage /></RequireAuth>} />
          <Route path={patterns.instalmentPay} element={<RequireAuth roles={["user"]}><InstalmentPayPage /></RequireAuth>} />
          {/* An online or hybrid class's join link (a booking's join_url): on to the class's video. */}
          <Route path={patterns.join} element={<RequireAuth roles={["user"]}><JoinClassPage /></RequireAuth>} />
          {/* A guest's own join link: they have no account, the signed token in it names their seat. */}
          <Route path={patterns.guestJoin} element={<GuestJoinPage />} />
          <Route path={paths.account} element={<RequireAuth><AccountPage /></RequireAuth>} />
          {/* A studio's forms to sign (?studio=<slug>, from its public page) and the person's signed copies. */}
          <Route path={patterns.myForms} element={<RequireAuth><MyFormsPage /></RequireAuth>} />
          <Route path={patterns.signForm} element={<RequireAuth><SignFormPage /></RequireAuth>} />
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
          {/* Its private sessions: anyone sees the free times; booking one asks to sign in. */}
          <Route path={patterns.studioPrivates} element={<BookPrivatePage />} />
          {/* From an invitation's email: signed in or not (the page says how to sign in and come back). */}
          <Route path={patterns.invitation} element={<AcceptInvitationPage />} />
          {/* The staff area: a studio's members (each page as far as their role reaches) and facilitators without a
              studio (no front desk nor audit log: those are a studio's). */}
          <Route element={<StaffArea />}>
            <Route path={paths.facilitator} element={<DashboardPage />} />
            <Route path={paths.newEvent} element={<Permitted permission="events.manage"><CreateEventPage /></Permitted>} />
            <Route path={patterns.facilitatorEvent} element={<Permitted permission={SEE_SESSIONS}><ManageEventWithForms /></Permitted>} />
            <Route path={patterns.facilitatorSession} element={<Permitted permission={SEE_REGISTRANTS}><SessionPage /></Permitted>} />
            {/* The door of a session: works offline once opened online (the roster is kept on the device); the client
                book's cards of who is coming under it, for the roles that see the book. */}
            <Route path={patterns.facilitatorCheckin} element={<Permitted permission={CHECK_IN}><CheckinWithClientCards /></Permitted>} />
            <Route path={paths.inbox} element={<Permitted permission="inbox.read"><InboxWithWhatsapp /></Permitted>} />
            <Route path={paths.facilitatorPasses} element={<Permitted permission="passes.manage"><PassesPage /></Permitted>} />
            <Route path={paths.facilitatorCodes} element={<Permitted permission="passes.manage"><CodesPage /></Permitted>} />
            <Route path={paths.facilitatorApprovals} element={<Permitted permission="registrants.all"><ApprovalsPage /></Permitted>} />
            <Route path={paths.studioMembers} element={<Permitted permission="members.view"><MembersPage /></Permitted>} />
            <Route path={paths.frontDesk} element={<Permitted permission="desk.checkin"><FrontDeskPage /></Permitted>} />
            <Route path={paths.myTeaching} element={<Permitted permission="sessions.own"><MyTeachingPage /></Permitted>} />
            <Route path={paths.privatesBoard} element={<Permitted permission={SEE_PRIVATES}><PrivatesBoardWithDesk /></Permitted>} />
            <Route path={paths.privateServices} element={<Permitted permission="appointments.manage"><PrivateServicesPage /></Permitted>} />
            <Route path={paths.myHours} element={<Permitted permission="appointments.own"><MyHoursPage /></Permitted>} />
            <Route path={paths.studioSettings} element={<Permitted permission={RUN_STUDIO}><StudioSettingsWithWhatsapp /></Permitted>} />
            <Route path={paths.studioForms} element={<Permitted permission="forms.manage"><FormsPage /></Permitted>} />
            <Route path={paths.studioAudit} element={<Permitted permission="audit.view"><AuditPage /></Permitted>} />
            <Route path={paths.apiTokens} element={<Permitted permission="studio.tokens"><ApiTokensPage /></Permitted>} />
            <Route path={paths.webhooks} element={<Permitted permission="webhooks.manage"><WebhooksPage /></Permitted>} />
            <Route path={paths.automations} element={<Permitted permission="automations.manage"><AutomationsPage /></Permitted>} />
            <Route path={paths.studioInvoices} element={<Permitted permission="money.view"><InvoicesPage /></Permitted>} />
            <Route path={paths.reports} element={<Permitted permission={SEE_REPORTS}><ReportsPage /></Permitted>} />
            {/* The client book lives on the CRM; an instructor (clients.own) sees the people they teach. */}
            <Route path={paths.clients} element={<Permitted permission={SEE_CLIENTS}><ClientsPage /></Permitted>} />
            <Route path={patterns.client} element={<Permitted permission={SEE_CLIENTS}><ClientPageWithWhatsapp /></Permitted>} />
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
