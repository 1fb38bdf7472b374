/** /join/:bookingId, an online or hybrid class's join link (a booking's join_url): asks for the class's video link
 *  (GET /bookings/<id>/join) and goes to it, with the link on the page too; says why when it cannot (not this
 *  person's booking, the booking not confirmed or cancelled, the link not added yet). */
import { useEffect, useRef } from "react";
import { Link, useParams } from "react-router";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { leaveApp } from "../../../lib/leave-app.js";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useJoinLink } from "../api.js";

/** Only a web address is followed (never a javascript: or data: one). */
const isWebAddress = (url) => typeof url === "string" && /^https?:\/\//i.test(url);

const NOT_A_LINK = { message: "This class's video link isn't a web address. Ask the studio for the right one." };

export function JoinClassPage() {
  usePageTitle("Join your class");
  const { bookingId } = useParams();
  const join = useJoinLink(bookingId);
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
        <ErrorMessage error={join.error ?? NOT_A_LINK} />
        <p>
          <Link to={paths.myBookings}>Back to My bookings</Link>
        </p>
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
