/** The studio's settings with the WhatsApp feature's "WhatsApp this month" (money.view) after its own sections. */
import { StudioSettingsPage } from "../features/studios/components/StudioSettingsPage.jsx";
import { WhatsappUsage } from "../features/whatsapp/components/WhatsappUsage.jsx";

export function StudioSettingsWithWhatsapp() {
  return (
    <StudioSettingsPage>
      <WhatsappUsage />
    </StudioSettingsPage>
  );
}
