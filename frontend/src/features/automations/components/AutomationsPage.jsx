/** /facilitator/automations: the studio's automations (automations.manage). Each starts when something happens to a
 *  person (a first visit, no visit for a while, a pass running low, a birthday) and takes them through its steps:
 *  waits, conditions, messages, tags, a code of their own, a task for the staff. The list shows each one's switch and
 *  figures; ?automation=<id> opens one, ?automation=new writes a new one; templates make one to start from. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useSearchParams } from "react-router";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { paths } from "../../../lib/paths.js";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useAutomations } from "../api.js";
import { triggerWords } from "../words.js";
import { AutomationDetail } from "./AutomationDetail.jsx";
import { AutomationEditor } from "./AutomationEditor.jsx";
import { AutomationSwitch, Figures } from "./AutomationParts.jsx";
import { TemplatesSection } from "./TemplatesSection.jsx";
import "../automations.css";

const openOne = (id) => `${paths.automations}?automation=${encodeURIComponent(id)}`;

function AutomationRow({ automation, onOpen }) {
  const { t } = useTranslation("automations");
  return (
    <li className={`card automation-row ${automation.active ? "" : "automation-off"}`}>
      <h3>
        <Link to={openOne(automation.id)} onClick={() => onOpen()}>
          {automation.name}
        </Link>
      </h3>
      <p>
        {t("list.when", { trigger: triggerWords(automation.trigger) })} · {t("list.steps", { count: automation.steps?.length ?? 0 })}
      </p>
      <AutomationSwitch automation={automation} />
      <Figures automation={automation} />
    </li>
  );
}

function AutomationList({ said, onOpen }) {
  const { t } = useTranslation("automations");
  const automations = useAutomations();
  if (automations.isPending) return <Loading />;
  if (automations.error) return <ErrorMessage error={automations.error} title={t("page.notLoaded")} onRetry={() => automations.refetch()} />;
  return (
    <>
      {said && <SuccessMessage>{said.text}</SuccessMessage>}
      <section aria-labelledby="automations-title">
        <h2 id="automations-title">{t("list.title")}</h2>
        {automations.data.length === 0 && <p className="muted">{t("list.none")}</p>}
        <ul className="automation-list">
          {automations.data.map((automation) => (
            <AutomationRow key={automation.id} automation={automation} onOpen={onOpen} />
          ))}
        </ul>
      </section>
    </>
  );
}

export function AutomationsPage() {
  const { t } = useTranslation("automations");
  usePageTitle(t("page.title"));
  const [search, setSearch] = useSearchParams();
  const chosen = search.get("automation");
  // What the page says after a change that moved it elsewhere: {text} (each one anew).
  const [kept, setSaid] = useState(null);
  // Also carried in the move's history entry: the page may be mounted anew by the move and would lose its state.
  const carried = useLocation().state?.said;
  const said = kept ?? (carried ? { text: carried } : null);
  // Each move between the list and one automation within the page: the keyboard goes on from the new view's heading
  // (one automation's page focuses its own once it has loaded).
  const [moves, setMoves] = useState(0);
  const headingRef = useFocusOnAppear(moves ? `${chosen}-${moves}` : null);
  const moved = (words = null) => {
    setSaid(words ? { text: words } : null);
    setMoves((count) => count + 1);
  };
  const open = (automation, words) => {
    moved(words);
    setSearch({ automation: String(automation.id) }, words ? { state: { said: words } } : undefined);
  };
  const back = (words) => {
    moved(words);
    setSearch({}, words ? { state: { said: words } } : undefined);
  };
  if (chosen) {
    return (
      <div className="automations-page">
        <p>
          <Link to={paths.automations} onClick={() => moved()}>
            {t("page.back")}
          </Link>
        </p>
        {chosen === "new" ? (
          <>
            <h1 ref={headingRef} tabIndex={-1}>
              {t("editor.newTitle")}
            </h1>
            <AutomationEditor automation={null} onSaved={(made) => open(made, t("page.made"))} />
          </>
        ) : (
          <AutomationDetail key={chosen} id={chosen} said={said} onDeleted={() => back(t("delete.done"))} />
        )}
      </div>
    );
  }
  return (
    <div className="automations-page">
      <h1 ref={headingRef} tabIndex={-1}>
        {t("page.title")}
      </h1>
      <p className="muted">{t("page.intro")}</p>
      <p>
        <Link to={`${paths.automations}?automation=new`} className="button primary" onClick={() => moved()}>
          {t("page.new")}
        </Link>
      </p>
      <AutomationList said={said} onOpen={() => moved()} />
      <TemplatesSection onMade={(made) => open(made, t("page.fromTemplate"))} />
    </div>
  );
}
