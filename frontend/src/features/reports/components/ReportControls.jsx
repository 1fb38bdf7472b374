/** A report's range form (From, To, Group by where the report has periods, Whose pay on pay for who may choose) with
 *  the API's refusal of the range in its alert, and the Download CSV button for the range shown. */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { FormAlert } from "../../../components/FormAlert.jsx";
import { useDownloadReport } from "../api.js";
import { BY, BY_NAMES } from "../range.js";

function RangeFields({ values, set, periods, instructors }) {
  const { t } = useTranslation("reports");
  const id = useId();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t("controls.from")}</label>
        <input id={`${id}-from`} type="date" value={values.from} onChange={set("from")} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t("controls.to")}</label>
        <input id={`${id}-to`} type="date" value={values.to} onChange={set("to")} required />
      </div>
      {periods && (
        <div className="field">
          <label htmlFor={`${id}-by`}>{t("controls.groupBy")}</label>
          <select id={`${id}-by`} value={values.by} onChange={set("by")}>
            {BY.map((by) => (
              <option key={by} value={by}>
                {t(BY_NAMES[by])}
              </option>
            ))}
          </select>
        </div>
      )}
      {instructors && (
        <div className="field">
          <label htmlFor={`${id}-instructor`}>{t("controls.whosePay")}</label>
          <select id={`${id}-instructor`} value={values.instructor} onChange={set("instructor")}>
            <option value="">{t("controls.allInstructors")}</option>
            {instructors.map((one) => (
              <option key={one.instructor_id} value={String(one.instructor_id)}>
                {one.name}
              </option>
            ))}
          </select>
        </div>
      )}
    </>
  );
}

/**
 * name: the report's; range: the one shown ({from, to, by, instructor}); query: the API's for it (the CSV's too);
 * periods: offer Group by; instructors: [{instructor_id, name}] to choose one (pay), or null; error: the report's
 * refusal (400) to show in the form's alert; onApply(values) shows another range.
 */
export function ReportControls({ name, range, query, periods, instructors = null, error, onApply }) {
  const { t } = useTranslation("reports");
  const [values, setValues] = useState(range);
  const download = useDownloadReport(name);
  const set = (field) => (event) => setValues((old) => ({ ...old, [field]: event.target.value }));
  const submit = (event) => {
    event.preventDefault();
    onApply(values);
  };
  return (
    <div className="report-controls">
      <form className="report-range" aria-label={t("controls.label")} onSubmit={submit}>
        <FormAlert error={error?.message} />
        <div className="report-fields">
          <RangeFields values={values} set={set} periods={periods} instructors={instructors} />
          <div className="actions">
            <button type="submit" className="button primary">
              {t("controls.show")}
            </button>
            <button type="button" className="button secondary" onClick={() => !download.isPending && download.mutate(query)} aria-busy={download.isPending}>
              {t("controls.download")}
            </button>
          </div>
        </div>
      </form>
      <ErrorMessage error={download.error} title={t("controls.notDownloaded")} />
    </div>
  );
}
