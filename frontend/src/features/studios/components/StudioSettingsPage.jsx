/** /facilitator/settings: the current studio's settings its owner runs: its payment provider and keys, its default
 *  language, its booking widget (the sites that may show it, read only without studio.settings), its export, its client imports and a whole
 *  studio brought in from another install. Each section for the permission it needs; children: other features' sections
 *  (src/app's), after them. */
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { useStudio } from "../../../lib/studio.jsx";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useStudioPayments } from "../api.js";
import { BookingWidget } from "./BookingWidget.jsx";
import { ClientImport } from "./ClientImport.jsx";
import { DefaultLanguage } from "./DefaultLanguage.jsx";
import { PaymentSettings } from "./PaymentSettings.jsx";
import { StudioExport } from "./StudioExport.jsx";
import { StudioImport } from "./StudioImport.jsx";
import "../studios.css";

function Payments() {
  const { t } = useTranslation("studios");
  const payments = useStudioPayments();
  if (payments.isPending) return <Loading label={t("settings.paymentsLoading")} />;
  if (payments.isError) return <ErrorMessage error={payments.error} title={t("settings.paymentsNotLoaded")} onRetry={() => payments.refetch()} />;
  return <PaymentSettings settings={payments.data} />;
}

export function StudioSettingsPage({ children }) {
  const { t } = useTranslation("studios");
  usePageTitle(t("settings.title"));
  const { studio, can } = useStudio();
  return (
    <section className="page studio-settings-page">
      <h1>{t("settings.title")}</h1>
      <p className="muted">{studio ? t("settings.intro", { studio: studio.name }) : t("settings.introNoStudio")}</p>
      {can("studio.payments") && <Payments key={studio?.slug} />}
      {studio && can("studio.view") && <DefaultLanguage key={`language-${studio.slug}`} />}
      {studio && can("studio.view") && <BookingWidget key={`widget-${studio.slug}`} />}
      {can("studio.export") && <StudioExport key={`export-${studio?.slug}`} />}
      {can("studio.import") && <ClientImport key={`import-${studio?.slug}`} />}
      {can("studio.import") && <StudioImport key={`studio-import-${studio?.slug}`} />}
      {children}
    </section>
  );
}
