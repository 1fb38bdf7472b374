/** The client book's page of a client with the WhatsApp feature's panel above their timeline (clients.whatsapp): the
 *  reply window, the conversation and an answer; a sent answer reads the client's timeline again. */
import { ClientPage } from "../features/clients/components/ClientPage.jsx";
import { ClientWhatsapp } from "../features/whatsapp/components/ClientWhatsapp.jsx";

const whatsapp = (client) => <ClientWhatsapp key={client.userId} {...client} />;

export function ClientPageWithWhatsapp() {
  return <ClientPage renderWhatsapp={whatsapp} />;
}
