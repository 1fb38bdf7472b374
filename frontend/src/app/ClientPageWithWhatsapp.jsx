/** The client book's page of a client with, above their timeline, the forms they signed for the studio
 *  (forms.signatures) and the WhatsApp feature's panel (clients.whatsapp): the reply window, the conversation and an
 *  answer; a sent answer reads the client's timeline again. */
import { ClientPage } from "../features/clients/components/ClientPage.jsx";
import { ClientForms } from "../features/forms/components/ClientForms.jsx";
import { ClientWhatsapp } from "../features/whatsapp/components/ClientWhatsapp.jsx";

const aboveTimeline = (client) => (
  <>
    <ClientForms userId={client.userId} />
    <ClientWhatsapp key={client.userId} {...client} />
  </>
);

export function ClientPageWithWhatsapp() {
  return <ClientPage renderWhatsapp={aboveTimeline} />;
}
