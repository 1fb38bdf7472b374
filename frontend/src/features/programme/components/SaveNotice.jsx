/** What an edit form says after a save: the change made, or why nothing changed. */
import { SuccessMessage } from "../../../components/Feedback.jsx";

export function SaveNotice({ notice }) {
  if (!notice) return null;
  if (notice.saved) return <SuccessMessage>{notice.text}</SuccessMessage>;
  return (
    <p className="form-note" role="status">
      {notice.text}
    </p>
  );
}
