/** The programme feature's staff event page with the forms feature's choice of the forms its bookings need signed. */
import { EventFormsSection } from "../features/forms/components/EventFormsSection.jsx";
import { ManageEventPage } from "../features/programme/components/ManageEventPage.jsx";

const forms = (event) => <EventFormsSection key={`forms-${event.id}`} event={event} />;

export function ManageEventWithForms() {
  return <ManageEventPage renderForms={forms} />;
}
