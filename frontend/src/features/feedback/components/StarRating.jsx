/** Five stars as a radio group: each a real radio with its own label ("4 stars"), so arrows, Tab and screen readers
 *  work as with any radio group; the star glyphs are decoration. Choosing one calls onChoose(rating). */
const RATINGS = [1, 2, 3, 4, 5];

export const starLabel = (rating) => (rating === 1 ? "1 star" : `${rating} stars`);

export function StarRating({ value, onChoose, busy = false, legend = "Your rating" }) {
  return (
    <fieldset className="star-rating" aria-busy={busy || undefined}>
      <legend>{legend}</legend>
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
            <span aria-hidden="true">★</span>
            <span className="visually-hidden">{starLabel(rating)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
