/** /feedback?token=…&rating=N: the link of the email sent after a session attended, signed in or not. With a rating
 *  (one of the email's stars) the page records it at once by POST and thanks the person; without one it shows the
 *  session and the stars. Either way the rating can be changed and a comment added, for a week. */
import { useEffect, useRef, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
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

/** A rating from the address, or null for none or one that is not 1 to 5. */
function ratingFrom(text) {
  const rating = Number(text);
  return Number.isInteger(rating) && rating >= 1 && rating <= 5 ? rating : null;
}

/** The key of the link's refusal in the page's words; null for others (shown as they come, with a way to try again). */
function refusalKey(error) {
  if (error?.code === "invalid_token") return "refused.linkNotValid";
  if (error?.code === "not_attended") return "refused.notAttended";
  return null;
}

/** The thanks for a rating, in the language of `t` (the feedback namespace's). */
const ratedText = (t, data) => t("thanks.rated", { stars: starLabel(t, data.rating) });

function Refused({ message }) {
  const { t } = useTranslation("feedback");
  return (
    <div className="alert alert-error" role="alert">
      <Trans t={t} i18nKey="refused.seeWhatsOn" values={{ message }} components={{ events: <Link to={paths.events} /> }} />
    </div>
  );
}

export function FeedbackPage() {
  const { t } = useTranslation("feedback");
  usePageTitle(t("page.title"));
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
          setThanks(ratedText(t, data));
        },
      },
    );
  }, [token, linkRating, mutate, t]);

  const current = saved ?? read.data;
  const refused = refusalKey(answer.error) ?? refusalKey(read.error);
  let content;
  if (!token || refused) {
    content = <Refused message={t(token ? refused : "refused.linkNotValid")} />;
  } else if (!current) {
    const failed = read.error ?? answer.error;
    content = failed ? (
      <ErrorMessage error={failed} title={t("page.loadError")} onRetry={() => (linkRating ? record({ rating: linkRating }, (data) => ratedText(t, data)) : read.refetch())} />
    ) : (
      <Loading label={linkRating ? t("page.savingRating") : t("page.loading")} />
    );
  } else {
    const text = comment ?? current.comment ?? "";
    const choose = (rating) => record({ rating }, (data) => ratedText(t, data));
    const send = (event) => {
      event.preventDefault();
      if (answer.isPending) return;
      if (!current.rating) {
        setCommentError(t("comment.chooseRatingFirst"));
        return;
      }
      if (text.trim().length > COMMENT_MAX) {
        setCommentError(t("comment.tooLong", { max: COMMENT_MAX }));
        return;
      }
      record({ rating: current.rating, comment: text.trim() }, () => t("thanks.comment"));
      setComment(null);
    };
    content = (
      <>
        <h2 className="feedback-title">{current.title}</h2>
        <p className="muted">{formatDateTime(current.starts_at, { label: true })}</p>
        <div ref={thanksRef} tabIndex={-1} className="outcome">
          <SuccessMessage>{thanks}</SuccessMessage>
          {answer.error && !refusalKey(answer.error) && !commentError && <ErrorMessage error={answer.error} title={t("page.notSaved")} />}
        </div>
        <StarRating
          value={current.rating}
          busy={answer.isPending}
          legend={current.rating ? t("rating.change") : t("rating.ask")}
          onChoose={choose}
        />
        <form className="form feedback-comment" onSubmit={send} noValidate>
          <Field id="feedback-comment" label={t("comment.label")} error={commentError} hint={t("comment.hint")}>
            {(control) => (
              <textarea {...control} rows={4} maxLength={COMMENT_MAX} value={text} onChange={(event) => setComment(event.target.value)} />
            )}
          </Field>
          <div className="actions">
            <SubmitButton busy={answer.isPending} busyLabel={t("comment.sending")}>
              {t("comment.send")}
            </SubmitButton>
          </div>
        </form>
      </>
    );
  }

  return (
    <section className="page narrow">
      <h1>{t("page.heading")}</h1>
      <div className="card feedback-card">{content}</div>
    </section>
  );
}
