/** What the list and one automation's page both show: its on/off switch (PATCH active) and its figures. */
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { formatNumber } from "../../../lib/format.js";
import { useChangeAutomation } from "../api.js";

/** A switch (a checkbox people hear as one): on sends its messages to whoever its trigger brings in. */
export function AutomationSwitch({ automation }) {
  const { t } = useTranslation("automations");
  const change = useChangeAutomation();
  const id = `automation-switch-${automation.id}`;
  const flip = () => !change.isPending && change.mutate({ id: automation.id, active: !automation.active });
  // Its state is said once, in its words beside it; the name (for the list's many switches) is heard, not shown.
  const words = automation.active ? t("switch.isOn") : t("switch.isOff");
  const named = automation.active ? t("switch.onNamed", { name: automation.name }) : t("switch.offNamed", { name: automation.name });
  return (
    <div className="automation-switch">
      <input id={id} type="checkbox" role="switch" checked={automation.active} aria-label={named} aria-busy={change.isPending || undefined} onChange={flip} />
      <label htmlFor={id}>
        {words}
      </label>
      {change.error && <ErrorMessage error={change.error} title={automation.active ? t("switch.notOff") : t("switch.notOn")} />}
    </div>
  );
}

const FIGURES = [
  ["entered", "figures.entered"],
  ["waiting", "figures.waiting"],
  ["finished", "figures.finished"],
  ["left", "figures.left"],
  ["bookings_within_14_days", "figures.bookings"],
];

/** How many entered it, are in it now, finished, left, and the bookings it brought within 14 days. */
export function Figures({ automation }) {
  const { t } = useTranslation("automations");
  const figures = automation.figures ?? {};
  return (
    <dl className="automation-figures" aria-label={t("figures.title", { name: automation.name })}>
      {FIGURES.map(([figure, words]) => (
        <div key={figure}>
          <dt>{t(words)}</dt>
          <dd>{formatNumber(figures[figure] ?? 0)}</dd>
        </div>
      ))}
    </dl>
  );
}
