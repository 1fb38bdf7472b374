/** "Start from a template": the server's ready-made automations (an intro offer's follow-up, winning people back, a
 *  pass almost used…), each with what it does; using one makes the studio's own copy, switched off, to look over. */
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { useAutomationTemplates, useMakeAutomation } from "../api.js";
import { triggerWords } from "../words.js";

/** onMade(automation) once the copy is made. */
export function TemplatesSection({ onMade }) {
  const { t } = useTranslation("automations");
  const templates = useAutomationTemplates();
  const make = useMakeAutomation();
  const use = (template) => !make.isPending && make.mutate({ template: template.key }, { onSuccess: onMade });
  return (
    <section className="automation-templates" aria-labelledby="automation-templates-title">
      <h2 id="automation-templates-title">{t("templates.title")}</h2>
      <p className="muted">{t("templates.intro")}</p>
      {templates.isPending && <Loading />}
      {templates.error && <ErrorMessage error={templates.error} title={t("templates.notLoaded")} onRetry={() => templates.refetch()} />}
      {make.error && <ErrorMessage error={make.error} title={t("templates.notMade")} />}
      {templates.data && (
        <ul className="automation-list">
          {templates.data.map((template) => (
            <li key={template.key} className="card automation-template">
              <h3>{template.name}</h3>
              <p>{template.description}</p>
              <p className="muted small-text">
                {t("list.when", { trigger: triggerWords(template.trigger) })} · {t("list.steps", { count: template.steps?.length ?? 0 })}
              </p>
              <button type="button" className="button secondary small" aria-disabled={make.isPending || undefined} onClick={() => use(template)}>
                {make.isPending && make.variables?.template === template.key ? t("templates.making") : t("templates.use", { name: template.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
