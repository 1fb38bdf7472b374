/** /feedback?token=…&rating=N: the link of the email sent after a session attended, signed in or not. With a rating
 *  (one of the email's stars) the page records it at once by POST and thanks the person; without one it shows the
 *  session and the stars. Either way the rating can be changed and a comment added, for a week. */
import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { Field } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useAnswerFeedback, useFeedback } from "../api.js";
import { StarRating, starLabel } from "./StarRating.jsx";
import "../feedback.css";

export const COMMENT_MAX = 2000;
export const LINK_NOT_VALID = "This feedback link is not valid or has expired: feedback links work for a week after the session.";
export const NOT_ATTENDED = "This link is for the people who came to the session, and you're not marked as having come. If you were there, tell the facilitator: they can correct it.";

/** A rating from the address, or null for none or one that is not 1 to 5. */
function ratingFrom(text) {
  const rating = Number(text);
  return Number.isInteger(rating) && rating >= 1 && rating <= 5 ? rating : null;
}

/** The link's refusals in the page's words; null for others (shown as they come, with a way to try again). */
function refusalText(error) {
  if (error?.code === "invalid_token") return LINK_NOT_VALID;
  if (error?.code === "not_attended") return NOT_ATTENDED;
  return null;
}

const ratedText = (data) => `Thank you! You rated it ${starLabel(data.rating)}.`;

function Refused({ children }) {
  return (
    <div className="alert alert-error" role="alert">
      {children} <Link to={paths.events}>See what's on</Link>.
    </div>
  );
}

export function FeedbackPage() {
  usePageTitle("Your feedback");
  const [searchParams] = useSearchParams();
  const token = (searchParams.get("token") ?? "").trim();
  const linkRating = ratingFrom(searchParams.get("rating"));
  const answer = useAnswerFeedback();
  const [saved, setSaved] = useState(null); // the latest answer the server gave back
  const [thanks, setThanks] = useState(null);
  const [comment, setComment] = useState(null); // null: as saved
  const [commentError, setCommentError] = useState(null);
  const sentFromLink = useRef(null);
  const read = useFeedback(token, { enabled: !linkRating && !saved });
  const thanksRef = useFocusOnAppear(thanks);

  const record = (body, said) =>
    answer.mutate(
      { token, ...body },
      {
        onSuccess: (data) => {
          setSaved(data);
          setThanks(said(data));
          setCommentError(null);
        },
        onError: (error) => error.status === 400 && error.details?.comment && setCommentError(error.details.comment.join(" ")),
      },
    );

  // The email's star: recorded once when the page opens (a POST; the link's GET itself changes nothing).
  const { mutate } = answer;
  useEffect(() => {
    const key = `${token}:${linkRating}`;
    if (!token || !linkRating || sentFromLink.current === key) return;
    sentFromLink.current = key;
    mutate(
      { token, rating: linkRating },
      {
        onSuccess: (data) => {
          setSaved(data);
          setThanks(ratedText(data));
        },
      },
    );
  }, [token, linkRating, mutate]);

  const current = saved ?? read.data;
  const refused = refusalText(answer.error) ?? refusalText(read.error);
  let content;
  if (!token || refused) {
    content = <Refused>{token ? refused : LINK_NOT_VALID}</Refused>;
  } else if (!current) {
    const failed = read.error ?? answer.error;
    content = failed ? (
      <ErrorMessage error={failed} title="Your feedback could not be loaded." onRetry={() => (linkRating ? record({ rating: linkRating }, ratedText) : read.refetch())} />
    ) : (
      <Loading label={linkRating ? "Saving your rating…" : "Loading…"} />
    );
  } else {
    const text = comment ?? current.comment ?? "";
    const choose = (rating) => record({ rating }, ratedText);
    const send = (event) => {
      event.preventDefault();
      if (answer.isPending) return;
      if (!current.rating) {
        setCommentError("Choose a rating first.");
        return;
      }
      if (text.trim().length > COMMENT_MAX) {
        setCommentError(`A comment can be at most ${COMMENT_MAX.toLocaleString("en")} characters.`);
        return;
      }
      record({ rating: current.rating, comment: text.trim() }, () => "Thank you! Your comment was sent to the facilitator.");
      setComment(null);
    };
    content = (
      <>
        <h2 className="feedback-title">{current.title}</h2>
        <p className="muted">{formatDateTime(current.starts_at, { label: true })}</p>
        <div ref={thanksRef} tabIndex={-1} className="outcome">
          <SuccessMessage>{thanks}</SuccessMessage>
          {answer.error && !refusalText(answer.error) && !commentError && <ErrorMessage error={answer.error} title="That was not saved." />}
        </div>
        <StarRating
          value={current.rating}
          busy={answer.isPending}
          legend={current.rating ? "Your rating (choose another to change it)" : "How was it?"}
          onChoose={choose}
        />
        <form className="form feedback-comment" onSubmit={send} noValidate>
          <Field id="feedback-comment" label="Comment (optional)" error={commentError} hint="Only the facilitator reads it.">
            {(control) => (
              <textarea {...control} rows={4} maxLength={COMMENT_MAX} value={text} onChange={(event) => setComment(event.target.value)} />
            )}
          </Field>
          <div className="actions">
            <SubmitButton busy={answer.isPending} busyLabel="Sending…">
              Send comment
            </SubmitButton>
          </div>
        </form>
      </>
    );
  }

  return (
    <section className="page narrow">
      <h1>How was your session?</h1>
      <div className="card feedback-card">{content}</div>
    </section>
  );
}
