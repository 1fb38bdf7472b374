/** Five stars as a radio group: each a real radio with its own label ("4 stars"), so arrows, Tab and screen readers
 *  work as with any radio group; the star glyphs are decoration. Choosing one calls onChoose(rating). */
import { useTranslation } from "react-i18next";

const RATINGS = [1, 2, 3, 4, 5];
const STAR = "★"; // decoration: each radio's label says its rating

/** "4 stars", in the language of the `t` given (the feedback namespace's). */
export const starLabel = (t, rating) => t("rating.stars", { count: rating });

export function StarRating({ value, onChoose, busy = false, legend }) {
  const { t } = useTranslation("feedback");
  return (
    <fieldset className="star-rating" aria-busy={busy || undefined}>
      <legend>{legend ?? t("rating.yours")}</legend>
      <div className="stars">
        {RATINGS.map((rating) => (
          <label key={rating} className={value && rating <= value ? "star lit" : "star"}>
            <input
              type="radio"
              name="rating"
              value={rating}
              checked={value === rating}
              onChange={() => !busy && onChoose(rating)}
              className="visually-hidden"
            />
            <span aria-hidden="true">{STAR}</span>
            <span className="visually-hidden">{starLabel(t, rating)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
