/** Every page of the app, by URL. */
import { Route, Routes } from "react-router";
import { Layout } from "./components/Layout.jsx";
import { NotFoundPage } from "./components/NotFoundPage.jsx";
import { RequireAuth } from "./components/RequireAuth.jsx";
import { LoginPage } from "./features/auth/components/LoginPage.jsx";
import { RegisterPage } from "./features/auth/components/RegisterPage.jsx";
import { EventsPage } from "./features/events/components/EventsPage.jsx";
import { EventPage } from "./features/events/components/EventPage.jsx";
import { MyBookingsPage } from "./features/bookings/components/MyBookingsPage.jsx";
import { DashboardPage } from "./features/facilitator/components/DashboardPage.jsx";
import { CreateEventPage } from "./features/facilitator/components/CreateEventPage.jsx";
import { SessionPage } from "./features/facilitator/components/SessionPage.jsx";
import { InboxPage } from "./features/inbox/components/InboxPage.jsx";
import { IntegrationPage } from "./features/integration/components/IntegrationPage.jsx";

const STAFF = ["facilitator", "admin"];

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<EventsPage />} />
        <Route path="events/:eventId" element={<EventPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="bookings" element={<RequireAuth roles={["user"]}><MyBookingsPage /></RequireAuth>} />
        <Route path="facilitator/login" element={<LoginPage staff />} />
        <Route path="facilitator" element={<RequireAuth roles={["facilitator"]}><DashboardPage /></RequireAuth>} />
        <Route path="facilitator/events/new" element={<RequireAuth roles={["facilitator"]}><CreateEventPage /></RequireAuth>} />
        <Route path="facilitator/sessions/:sessionId" element={<RequireAuth roles={["facilitator"]}><SessionPage /></RequireAuth>} />
        <Route path="facilitator/inbox" element={<RequireAuth roles={["facilitator"]}><InboxPage /></RequireAuth>} />
        <Route path="facilitator/integration" element={<RequireAuth roles={STAFF}><IntegrationPage /></RequireAuth>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
