/** A report's headline figures, each with how it moved since the span just before (the API's `previous`). */
import { changeText } from "../wording.js";

/** figure(label, now, before, show, {rate}) → one of Headline's items: show(value) writes a value. */
export const figure = (label, now, before, show, { rate = false } = {}) => ({ label, now, before, show, rate });

/** items: [{label, now, before, show, rate}] (before undefined: no comparison); span: {from, to} of the report. */
export function Headline({ items, span }) {
  return (
    <dl className="report-figures">
      {items.map((item) => (
        <div key={item.label} className="report-figure">
          <dt>{item.label}</dt>
          <dd className="report-value">{item.show(item.now)}</dd>
          {item.before !== undefined && <dd className="report-change">{changeText(item.now, item.before, { ...span, rate: item.rate })}</dd>}
        </div>
      ))}
    </dl>
  );
}
