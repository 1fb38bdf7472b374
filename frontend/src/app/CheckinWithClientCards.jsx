/** The check-in feature's door with the client book's "who is coming" cards under its list: everyone booked with an
 *  email (a guest's too), their first visit counted from when this session's check-in opened. */
import { CheckinPage } from "../features/checkin/components/CheckinPage.jsx";
import { WhoIsComing } from "../features/clients/components/WhoIsComing.jsx";

const cards = (seats, roster) => <WhoIsComing people={seats} since={roster.opens_at} />;

export function CheckinWithClientCards() {
  return <CheckinPage renderPeople={cards} />;
}
