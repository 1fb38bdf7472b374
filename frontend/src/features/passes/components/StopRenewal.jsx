/** A renewing membership's "Stop renewing": asked once more, then the renewal stops and the period runs out. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useStopRenewal } from "../api.js";

export function StopRenewal({ pass, until }) {
  const { t } = useTranslation("passes");
  const [asking, setAsking] = useState(false);
  const stop = useStopRenewal();
  if (!asking) {
    return <button type="button" className="button secondary small" onClick={() => setAsking(true)}>{t("stopRenewal.stop")}</button>;
  }
  return (
    <div className="stop-renewal" role="group" aria-label={t("stopRenewal.stop")}>
      <p>{until ? t("stopRenewal.askUntil", { name: pass.name, until }) : t("stopRenewal.ask", { name: pass.name })}</p>
      {stop.isError && <p role="alert">{stop.error?.message || t("stopRenewal.failed")}</p>}
      <button type="button" className="button danger small" disabled={stop.isPending} onClick={() => stop.mutate(pass.id)}>{t("stopRenewal.stop")}</button>
      <button type="button" className="button secondary small" onClick={() => setAsking(false)}>{t("stopRenewal.keep")}</button>
    </div>
  );
}
