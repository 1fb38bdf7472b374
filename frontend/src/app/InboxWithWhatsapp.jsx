/** The inbox with a client's WhatsApp message in the WhatsApp feature's words: what they wrote, the reply window, and
 *  their name a link to their page in the client book (found by their email). */
import { useState } from "react";
import { ClientByEmail } from "../features/clients/components/ClientByEmail.jsx";
import { InboxPage } from "../features/inbox/components/InboxPage.jsx";
import { whatsappReceived } from "../features/whatsapp/components/WhatsappReceived.jsx";

const clientOf = (item) => <ClientByEmail email={item.user?.email} />;

export function InboxWithWhatsapp() {
  const [now] = useState(() => Date.now()); // a window is open or closed as of the page's reading
  const [texts] = useState(() => ({ whatsapp_received: (item) => whatsappReceived(item, clientOf, now) }));
  return <InboxPage texts={texts} />;
}
