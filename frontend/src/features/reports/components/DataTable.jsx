/** A report's table: captioned, its first column the rows' headers, numbers aligned right; on a narrow screen it
 *  scrolls sideways inside a region of its own (named by the caption, reachable by keyboard) instead of the page. */
import { useId } from "react";
import { useTranslation } from "react-i18next";

/** A column: {key, label, value(row) → text, numeric}. */
export const column = (key, label, value, numeric = true) => ({ key, label, value, numeric });

/** empty: what the table says without rows (default: nothing in this range). */
export function DataTable({ caption, columns, rows, rowKey, empty, tall = false }) {
  const { t } = useTranslation("reports");
  const id = useId();
  const className = `table-wrap report-table${tall ? " report-table-tall" : ""}`;
  return (
    <div className={className} role="region" aria-labelledby={id} tabIndex={0}>
      <table>
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((col) => (
              <th key={col.key} scope="col" className={col.numeric ? "num" : undefined}>
                {col.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="muted">
                {empty ?? t("table.empty")}
              </td>
            </tr>
          )}
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)}>
              {columns.map((col, at) =>
                at === 0 ? (
                  <th key={col.key} scope="row">
                    {col.value(row)}
                  </th>
                ) : (
                  <td key={col.key} className={col.numeric ? "num" : undefined}>
                    {col.value(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
