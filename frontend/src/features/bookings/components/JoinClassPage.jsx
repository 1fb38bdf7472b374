/** /join/:bookingId, an online or hybrid class's join link (a booking's join_url): asks for the class's video link
 *  (GET /bookings/<id>/join) and goes to it, with the link on the page too; says why when it cannot (not this
 *  person's booking, the booking not confirmed or cancelled, the link not added yet). /join/guest/:token is a
 *  guest's own (their emails'): no account, the signed token names their seat (GET /guests/join/<token>). */
import { useEffect, useRef } from "react";
import { Link, useParams } from "react-router";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { leaveApp } from "../../../lib/leave-app.js";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useGuestJoinLink, useJoinLink } from "../api.js";

/** Only a web address is followed (never a javascript: or data: one). */
const isWebAddress = (url) => typeof url === "string" && /^https?:\/\//i.test(url);

const NOT_A_LINK = { message: "This class's video link isn't a web address. Ask the studio for the right one." };
// The API hides another account's booking as one that does not exist; here that is a link forwarded, or opened
// signed in as someone else, and the person is told so.
const NOT_YOURS = { message: "This join link isn't for the account you're signed in with. Log in with the account that booked the class to join it." };

export function JoinClassPage() {
  const { bookingId } = useParams();
  return <JoinClass join={useJoinLink(bookingId)} notFound={NOT_YOURS} back={<Link to={paths.myBookings}>Back to My bookings</Link>} />;
}

/** A guest's join page: nobody signs in; where they go back to is the catalogue. */
export function GuestJoinPage() {
  const { token } = useParams();
  return <JoinClass join={useGuestJoinLink(token)} back={<Link to={paths.events}>See the classes on offer</Link>} />;
}

/** join: the query of the class's video link; back: where to go instead when it cannot open; notFound: what a 404
 *  says in its place (the server's words when not given). */
function JoinClass({ join, back, notFound }) {
  usePageTitle("Join your class");
  const url = join.data?.url;
  const usable = isWebAddress(url);
  const sent = useRef(null);
  useEffect(() => {
    if (!usable || sent.current === url) return; // once, even when React runs effects twice in development
    sent.current = url;
    leaveApp.go(url);
  }, [url, usable]);

  let content;
  if (join.isPending) content = <Loading label="Checking your booking…" />;
  else if (join.isError || !usable) {
    content = (
      <>
        <ErrorMessage error={(join.error?.status === 404 && notFound) || join.error || NOT_A_LINK} />
        <p>{back}</p>
      </>
    );
  } else {
    content = (
      <>
        <Loading label="Opening your class…" />
        <p>
          Not opening?{" "}
          <a href={url} rel="noopener noreferrer">
            Open the class video
          </a>
        </p>
      </>
    );
  }
  return (
    <section className="page narrow">
      <h1>Join your class</h1>
      {content}
    </section>
  );
}
