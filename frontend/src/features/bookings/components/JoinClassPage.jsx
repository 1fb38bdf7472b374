/** /join/:bookingId, an online or hybrid class's join link (a booking's join_url): asks for the class's video link
 *  (GET /bookings/<id>/join) and goes to it, with the link on the page too; says why when it cannot (not this
 *  person's booking, the booking not confirmed or cancelled, the link not added yet). /join/guest/:token is a
 *  guest's own (their emails'): no account, the signed token names their seat (GET /guests/join/<token>). */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { leaveApp } from "../../../lib/leave-app.js";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useGuestJoinLink, useJoinLink } from "../api.js";

/** Only a web address is followed (never a javascript: or data: one). */
const isWebAddress = (url) => typeof url === "string" && /^https?:\/\//i.test(url);

export function JoinClassPage() {
  const { t } = useTranslation("bookings");
  const { bookingId } = useParams();
  // The API hides another account's booking as one that does not exist; here that is a link forwarded, or opened
  // signed in as someone else, and the person is told so.
  const notYours = { message: t("join.notYours") };
  return <JoinClass join={useJoinLink(bookingId)} notFound={notYours} back={<Link to={paths.myBookings}>{t("join.backToMyBookings")}</Link>} />;
}

/** A guest's join page: nobody signs in; where they go back to is the catalogue. */
export function GuestJoinPage() {
  const { t } = useTranslation("bookings");
  const { token } = useParams();
  return <JoinClass join={useGuestJoinLink(token)} back={<Link to={paths.events}>{t("join.seeClasses")}</Link>} />;
}

/** join: the query of the class's video link; back: where to go instead when it cannot open; notFound: what a 404
 *  says in its place (the server's words when not given). */
function JoinClass({ join, back, notFound }) {
  const { t } = useTranslation("bookings");
  usePageTitle(t("join.title"));
  const url = join.data?.url;
  const usable = isWebAddress(url);
  const sent = useRef(null);
  useEffect(() => {
    if (!usable || sent.current === url) return; // once, even when React runs effects twice in development
    sent.current = url;
    leaveApp.go(url);
  }, [url, usable]);

  let content;
  if (join.isPending) content = <Loading label={t("join.checking")} />;
  else if (join.isError || !usable) {
    content = (
      <>
        <ErrorMessage error={(join.error?.status === 404 && notFound) || join.error || { message: t("join.notALink") }} />
        <p>{back}</p>
      </>
    );
  } else {
    content = (
      <>
        <Loading label={t("join.opening")} />
        <p>
          {t("join.notOpening")}{" "}
          <a href={url} rel="noopener noreferrer">
            {t("join.openVideo")}
          </a>
        </p>
      </>
    );
  }
  return (
    <section className="page narrow">
      <h1>{t("join.title")}</h1>
      {content}
    </section>
  );
}
