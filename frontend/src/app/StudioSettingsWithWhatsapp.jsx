/** The studio's settings with the WhatsApp feature's sections after its own: the studio's own WhatsApp number
 *  (studio.whatsapp) and "WhatsApp this month" (money.view). */
import { StudioSettingsPage } from "../features/studios/components/StudioSettingsPage.jsx";
import { WhatsappNumber } from "../features/whatsapp/components/WhatsappNumber.jsx";
import { WhatsappUsage } from "../features/whatsapp/components/WhatsappUsage.jsx";

export function StudioSettingsWithWhatsapp() {
  return (
    <StudioSettingsPage>
      <WhatsappNumber />
      <WhatsappUsage />
    </StudioSettingsPage>
  );
}
