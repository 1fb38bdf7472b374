/** The reports as tabs (the WAI-ARIA tabs pattern, activated as they take the focus): the arrow keys, Home and End
 *  move between them; the panel of the one chosen follows in the tab order. */
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { REPORT_NAMES } from "../range.js";

const tabId = (name) => `report-tab-${name}`;
const panelId = (name) => `report-panel-${name}`;

/** The tab the key moves to from `index` of `count`, or null for a key that moves nothing. */
function movedTo(key, index, count) {
  if (key === "ArrowRight") return (index + 1) % count;
  if (key === "ArrowLeft") return (index - 1 + count) % count;
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  return null;
}

/** names: the reports offered; shown: the one chosen; onChoose(name); children: its panel's content. */
export function ReportTabs({ names, shown, onChoose, children }) {
  const { t } = useTranslation("reports");
  const tabs = useRef(new Map());
  const onKeyDown = (event) => {
    const next = movedTo(event.key, names.indexOf(shown), names.length);
    if (next === null) return;
    event.preventDefault();
    onChoose(names[next]);
    tabs.current.get(names[next])?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label={t("page.title")} className="report-tabs" onKeyDown={onKeyDown}>
        {names.map((name) => {
          const selected = name === shown;
          return (
            <button
              key={name}
              ref={(node) => (node ? tabs.current.set(name, node) : tabs.current.delete(name))}
              type="button"
              role="tab"
              id={tabId(name)}
              aria-selected={selected}
              aria-controls={selected ? panelId(name) : undefined}
              tabIndex={selected ? 0 : -1}
              className="report-tab"
              onClick={() => onChoose(name)}
            >
              {t(REPORT_NAMES[name])}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={panelId(shown)} aria-labelledby={tabId(shown)} tabIndex={0} className="report-panel">
        {children}
      </div>
    </>
  );
}
