/** The check-in feature's door with the client book's "who is coming" cards under its list: everyone booked with an
 *  email (a guest's too), their first visit counted from when this session's check-in opened; and the forms
 *  feature's signing at the desk for a seat whose person still needs a form. */
import { CheckinPage } from "../features/checkin/components/CheckinPage.jsx";
import { WhoIsComing } from "../features/clients/components/WhoIsComing.jsx";
import { DeskSignButtons } from "../features/forms/components/DeskSignDialog.jsx";

const cards = (seats, roster) => <WhoIsComing people={seats} since={roster.opens_at} />;
const forms = (seat, onSigned) => <DeskSignButtons seat={seat} onSigned={onSigned} />;

export function CheckinWithClientCards() {
  return <CheckinPage renderPeople={cards} renderForms={forms} />;
}
