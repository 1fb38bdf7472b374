/** The privates' board with the front desk's client picker (a client found by name, email or phone, their passes of
 *  this studio with them) and its payment methods (cash, card terminal, UPI), for booking a client in. */
import { ClientPicker } from "../features/desk/components/ClientPicker.jsx";
import { MethodField } from "../features/desk/components/MethodField.jsx";
import { PrivatesBoardPage } from "../features/privates/components/PrivatesBoardPage.jsx";

const picker = ({ id, client, onPick }) => <ClientPicker id={id} client={client} onPick={onPick} />;
const method = ({ idPrefix, value, onChange }) => <MethodField idPrefix={idPrefix} value={value} onChange={onChange} />;

export function PrivatesBoardWithDesk() {
  return <PrivatesBoardPage renderClientPicker={picker} renderMethod={method} />;
}
