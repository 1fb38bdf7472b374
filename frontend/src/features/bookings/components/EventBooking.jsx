/** Booking a seat from an event page: each session's action (Book, or Book & pay for a paid session, Join waiting
 *  list, Log in to…, Booked ✓, Pay now for a seat held, the place in line with Leave), the confirmations (with the
 *  price and refund terms, or the person's passes that can pay and their cancellation terms, and a discount code for
 *  paying) and the outcome. A paid booking leaves for the provider's checkout page; one made with a pass, or with a
 *  code that leaves nothing to pay, is done at once. A person with children on their account chooses whose seat it is
 *  (each one a booking of its own) and books another of them while any is without one. The app layer puts it under
 *  the event page's "Sessions" heading. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { CodeField, CodePrice } from "../../../components/CodeField.jsx";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { FormAlert } from "../../../components/FormAlert.jsx";
import { useAuth } from "../../../lib/auth.jsx";
import { isCodeRefusal, useDiscountCode } from "../../../lib/discount-codes.js";
import { childrenOf, useChildren } from "../../../lib/family.js";
import { isPaid } from "../../../lib/money.js";
import { paths } from "../../../lib/paths.js";
import { useBookSession, useJoinWaitlist, useLeaveWaitlist, useMyBookings } from "../api.js";
import { bookWording, payLabel } from "../booking-wording.js";
import { activeSessionIds, BOOK_ERROR_TEXT, LEAVE_ERROR_TEXT, pendingBySession, placesBySession, requestedBySession, WAITLIST_ERROR_TEXT } from "../booking-status.js";
import { goToCheckout } from "../checkout.js";
import { dependentOf, ME, passesFor, seatHolders, waitingIn, withoutSeat } from "../family-seats.js";
import { guestErrors, mostSeats, newParty, partyRefusal, partyRequest } from "../party.js";
import { isPassRefusal, passRefusalText, passTermsText, usablePasses } from "../pass-choice.js";
import { bookingTermsText } from "../payment-status.js";
import { firstOption, optionsOf, pricedIn } from "../room-options.js";
import { useEventQuestions } from "../questions-api.js";
import { answerRefusal, answersRequest, emptyAnswers, missingAnswers } from "../questions.js";
import { offersWhatsapp, useMyWhatsapp } from "../whatsapp-api.js";
import { BookingOutcome } from "./BookingOutcome.jsx";
import { ForWhomField } from "./ForWhomField.jsx";
import { LeaveWaitlistDialog } from "./LeaveWaitlistDialog.jsx";
import { OptionPicker } from "./OptionPicker.jsx";
import { PartyFields } from "./PartyFields.jsx";
import { PaymentChoice } from "./PaymentChoice.jsx";
import { QuestionFields } from "./QuestionFields.jsx";
import { holdsSomething, SeatMark } from "./SeatMark.jsx";
import { SessionSummary } from "./SessionSummary.jsx";
import { WhatsappOptIn } from "./WhatsappOptIn.jsx";
import "../bookings.css";

function viewerOf(user) {
  if (!user) return "guest";
  return user.role === "user" ? "user" : "staff";
}

/** Until the person picks: the first of their passes that can pay. */
const FIRST_PASS = "first";

// Refusals said of the child a seat or place was asked for, not of the person asking.
const CHILD_REFUSALS = { already_booked: "error.alreadyBookedChild", already_waiting: "error.alreadyWaitingChild" };

/** event: the event shown (a timetable has none: each of its sessions brings its own, as session.event);
 *  sessionsTable(sessionAction): the page's sessions, with this flow's action for each; passes: the signed-in
 *  person's passes (GET /me/passes), offered for the sessions they can pay for. */
export function EventBooking({ event, sessionsTable, passes = [] }) {
  const { t } = useTranslation("bookings");
  const eventOf = (session) => session?.event ?? event;
  const { user } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const viewer = viewerOf(user);
  const bookingsQuery = useMyBookings({ enabled: viewer === "user" });
  const book = useBookSession();
  const join = useJoinWaitlist();
  const leave = useLeaveWaitlist();
  // {action: "book" | "join", session} or {action: "leave", place}: the dialog open, if any.
  const [confirming, setConfirming] = useState(null);
  const [outcome, setOutcome] = useState(null);
  // Who the seats are for (the dialog's Seats and guests), and what was wrong with them when confirming:
  // {alert, seats, guests} (see PartyFields), from our checks or the server's refusal.
  const [party, setParty] = useState(newParty);
  const [partyErrors, setPartyErrors] = useState({});
  // Whose seat it is: the person's (ME) or a child's of their family (its id); each is a booking of its own.
  const children = childrenOf(useChildren());
  const [forWhom, setForWhom] = useState(ME);
  const childName = children.find((child) => child.id === forWhom)?.name ?? null;
  // How the seats are paid for: FIRST_PASS, a pass's id, or null (paying); and why the pass was refused, if it was.
  const [payWith, setPayWith] = useState(FIRST_PASS);
  const [passError, setPassError] = useState(null);
  // The room option chosen, for a session that offers options (a full one: its waiting list is offered instead).
  const [optionId, setOptionId] = useState(null);
  const option = optionsOf(confirming?.session).find((each) => each.id === optionId) ?? null;
  const optionFull = confirming?.action === "book" && option !== null && option.seats_left <= 0;
  // The session as a seat in the chosen option prices it (the option's price is the seat's).
  const priced = pricedIn(confirming?.session, option);
  // The event's intake questions, asked in the booking dialog: the answers typed ({question id: value}; none typed
  // yet: the empty ones) and what is wrong with them, from our check of the required ones or the server's 400.
  const [answers, setAnswers] = useState(null);
  const [answerErrors, setAnswerErrors] = useState({});
  const bookings = bookingsQuery.data?.bookings ?? [];
  const bookedIds = activeSessionIds(bookings);
  const awaitingPayment = pendingBySession(bookings);
  const places = placesBySession(bookingsQuery.data?.waiting);
  const requested = requestedBySession(bookings);
  const holders = seatHolders(bookings);
  const unseated = (session) => withoutSeat(children, holders.get(session.id));
  // Who may still join a full session's line: without a seat there and not waiting in it already.
  const unplaced = (session) => withoutSeat(children, new Set([...(holders.get(session.id) ?? []), ...waitingIn(places.get(session.id))]));
  const busy = book.isPending || join.isPending || leave.isPending || (viewer === "user" && bookingsQuery.isPending);
  const backHere = { from: `${location.pathname}${location.search}` };
  // The passes that can pay for the seats chosen, and the one chosen (none: paying).
  // A request to book is paid (if at all) once approved: no pass or code is offered for it.
  const usable = confirming?.action === "book" && !optionFull && !eventOf(priced).requires_approval ? usablePasses(passesFor(passes, forWhom), priced, eventOf(priced), party.seats) : [];
  const chosenPass = payWith === FIRST_PASS ? (usable[0] ?? null) : (usable.find((pass) => pass.id === payWith) ?? null);
  // Paying for the seats (a paid session, no pass chosen): a discount code may take some or all of the price off.
  const paying = confirming?.action === "book" && !optionFull && isPaid(priced) && !chosenPass;
  const code = useDiscountCode(paying ? { session_id: priced.id, seats: party.seats, ...(option ? { option_id: option.id } : {}) } : null);
  const quote = paying ? code.quote : null;
  const bookingEvent = confirming?.action === "book" ? eventOf(confirming.session) : null;
  const questionsQuery = useEventQuestions(bookingEvent?.id ?? null);
  const questions = questionsQuery.data ?? [];
  const given = answers ?? emptyAnswers(questions);
  const asksApproval = Boolean(bookingEvent?.requires_approval);
  // WhatsApp for the booking's messages too: offered as the account page offers it, ticked by the person.
  const consent = useMyWhatsapp(viewer === "user" && confirming?.action === "book").data;
  const [whatsapp, setWhatsapp] = useState(false);
  const offerWhatsapp = offersWhatsapp(consent) && !optionFull;

  const start = (action, item) => {
    setOutcome(null);
    setParty(newParty());
    setPartyErrors({});
    setPayWith(FIRST_PASS);
    setPassError(null);
    setAnswers(null);
    setAnswerErrors({});
    setWhatsapp(false);
    const free = { book: unseated, join: unplaced }[action];
    setForWhom(free ? (free(item)[0]?.key ?? ME) : ME);
    code.reset();
    setOptionId(action === "leave" ? null : firstOption(item));
    setConfirming(action === "leave" ? { action, place: item } : { action, session: item });
  };
  // Every answer, refusals too, is followed by fresh bookings and seats (the mutations invalidate both). A refusal
  // of the seats or guests (too few seats left, a field the server rejects), or of the code sent (used up since it
  // was applied), keeps the dialog open to fix them.
  const handlers = (onSuccess, texts, sentCode = null) => ({
    onSuccess: (answer) => {
      setConfirming(null);
      onSuccess(answer);
    },
    onError: (error) => {
      const fixable = confirming.action === "leave" ? null : partyRefusal(error, party);
      const badAnswers = confirming.action === "book" ? answerRefusal(error) : null;
      if (badAnswers) setAnswerErrors(badAnswers);
      else if (sentCode && isCodeRefusal(error)) code.refuse(error);
      else if (chosenPass && isPassRefusal(error)) setPassError(passRefusalText(error));
      else if (fixable) setPartyErrors(fixable);
      else {
        setConfirming(null);
        // Forms to sign first: the refusal links to them, for the child the seat was for.
        const signAt = error?.code === "form_signature_required" ? { slug: eventOf(confirming.session)?.studio?.slug, child: dependentOf(forWhom) } : null;
        // A child who holds a seat or a place already: said of the child, not of the person.
        const ofChild = childName && CHILD_REFUSALS[error?.code];
        setOutcome(ofChild ? { error: { ...error, message: t(ofChild, { name: childName }) }, texts: {} } : { error, texts, signAt });
      }
    },
  });
  // A new number of seats answers the refusal of the old one.
  const changeParty = (next) => {
    if (next.seats !== party.seats) {
      setPartyErrors((current) => ({ ...current, alert: undefined, seats: undefined }));
      setPassError(null);
    }
    setParty(next);
  };
  const changeOption = (id) => {
    setPassError(null);
    code.reset();
    setOptionId(id);
  };
  const changeWhom = (key) => {
    setPassError(null);
    setPayWith(FIRST_PASS); // a child's seat is paid from the shareable passes alone
    setForWhom(key);
  };
  const changePayment = (passId) => {
    setPassError(null);
    setPayWith(passId);
  };

  const confirm = () => {
    const { session, place } = confirming;
    // A full option's dialog joins its waiting list.
    const action = optionFull ? "join" : confirming.action;
    const problems = action === "leave" ? {} : guestErrors(party);
    const missing = action === "book" ? missingAnswers(questions, given) : {};
    setPartyErrors({ guests: problems });
    setAnswerErrors(missing);
    if (Object.keys(problems).length || Object.keys(missing).length) return;
    const request = { sessionId: session?.id, ...partyRequest(party), passId: action === "book" ? chosenPass?.id : undefined, optionId: option?.id };
    if (action === "book") {
      request.code = paying && !asksApproval ? code.code : null;
      request.answers = answersRequest(questions, given);
      request.dependentId = dependentOf(forWhom);
      if (offerWhatsapp && whatsapp) request.whatsappWording = consent.wording; // the words shown, as shown
      const freeWith = quote?.amount_due === 0 ? quote.code : null;
      // The answer is the booking with its session and event; the ones shown here fill in anything it leaves out.
      // A paid session's booking holds the seat while its person pays on the provider's page.
      const booked = (booking) => {
        if (booking?.status === "pending_approval") {
          setOutcome({ requested: true, facilitator: eventOf(session).facilitator?.name });
          return;
        }
        if (booking?.status === "pending_payment") {
          setOutcome({ paying: true });
          goToCheckout(booking, navigate);
          return;
        }
        setOutcome({ booked: true, freeWith, booking: booking?.id ? { ...booking, session: booking.session ?? session, event: booking.event ?? eventOf(session) } : null });
      };
      book.mutate(request, handlers(booked, BOOK_ERROR_TEXT, request.code));
    } else if (action === "join") {
      request.dependentId = dependentOf(forWhom);
      // A seat may have come free at that moment: then the answer is a booking, not a place in line (for a paid
      // session, one held until it is paid: the payment page offers the checkout).
      const joined = (answer) => {
        if (answer?.status === "pending_payment") {
          setOutcome({ paying: true });
          navigate(paths.bookingPayment(answer.booking_id));
        } else setOutcome(answer?.status === "active" ? { booked: true, fromWaitlist: true, bookingId: answer.booking_id } : { waiting: answer?.position, mode: session.waitlist_mode, child: childName });
      };
      join.mutate(request, handlers(joined, WAITLIST_ERROR_TEXT));
    } else {
      leave.mutate(place, handlers(() => setOutcome({ left: true }), LEAVE_ERROR_TEXT));
    }
  };

  const loginLink = (whenId, label) => (
    <Link to={paths.login} state={backHere} className="button primary small" aria-describedby={whenId}>
      {label}
    </Link>
  );

  const bookButton = (session, whenId, label) => (
    <button type="button" className="button primary small" onClick={() => start("book", session)} disabled={busy} aria-describedby={whenId}>
      {label}
    </button>
  );
  const joinButton = (session, whenId, label) => (
    <button type="button" className="button secondary small" onClick={() => start("join", session)} disabled={busy} aria-describedby={whenId}>
      {label}
    </button>
  );
  // What the person's family holds in the session, and a seat (or a place in line) for one more of them.
  const seats = { bookedIds, requested, awaitingPayment, places, holders };
  const familyAction = (session, availability, whenId) => {
    if (viewer !== "user" || !holdsSomething(session, seats)) return null;
    const mark = <SeatMark session={session} seats={seats} family={children} busy={busy} whenId={whenId} onLeave={(place) => start("leave", place)} />;
    if (!children.length) return mark;
    let another = null;
    if (availability.bookable && unseated(session).length) another = bookButton(session, whenId, t("action.bookAnother"));
    else if (!availability.bookable && availability.waitlist && unplaced(session).length) another = joinButton(session, whenId, t("action.joinAnother"));
    if (!another) return mark;
    return (
      <div className="waiting-place">
        {mark}
        {another}
      </div>
    );
  };

  const sessionAction = (session, availability, whenId) => {
    if (viewer === "staff") return null;
    const mark = familyAction(session, availability, whenId);
    if (mark) return mark;
    if (availability.bookable) {
      if (viewer === "guest") return loginLink(whenId, t("action.logInToBook"));
      let label = (isPaid(session) || optionsOf(session).some(isPaid)) && usablePasses(passes, session, eventOf(session)).length === 0 ? t("action.bookAndPay") : t("action.book");
      if (eventOf(session).requires_approval) label = t("action.requestToBook");
      return bookButton(session, whenId, label);
    }
    if (!availability.waitlist) return null;
    if (viewer === "guest") return loginLink(whenId, t("action.logInToJoin"));
    return joinButton(session, whenId, t("action.join"));
  };

  // A booking made from the waiting list is read back from the (refreshed) bookings, for its reminders and calendar.
  const shown = outcome?.bookingId ? { ...outcome, booking: bookings.find((booking) => booking.id === outcome.bookingId) ?? null } : outcome;
  const waitingAhead = confirming?.session?.waiting ?? 0;
  const terms = confirming?.action === "book" && !optionFull ? bookingTermsText(priced, eventOf(priced), undefined, party.seats, quote) : null;
  const passTerms = chosenPass ? passTermsText(priced, eventOf(priced), undefined, party.seats) : null;
  const [bookTitle, bookLabel] = bookWording(t, { terms, optionFull, option, chosenPass, quote, asksApproval });
  const joinLabel = option ? t("book.joinOption", { option: option.name }) : t("action.join");
  const optionPicker = confirming?.session && <OptionPicker idPrefix={`party-${confirming.session.id}`} session={confirming.session} chosen={optionId} onChange={changeOption} />;
  const partyFields = (booking) => (
    <>
      <FormAlert error={partyErrors.alert} />
      <PartyFields idPrefix={`party-${confirming.session.id}`} party={party} most={mostSeats(confirming.session, { booking })} errors={partyErrors} onChange={changeParty} child={childName} />
    </>
  );

  return (
    <>
      {viewer === "staff" && <p className="muted">{t("book.staff")}</p>}
      {bookingsQuery.isError && <ErrorMessage error={bookingsQuery.error} title={t("book.checkError")} onRetry={() => bookingsQuery.refetch()} />}
      <BookingOutcome outcome={shown} email={user?.email} />
      {sessionsTable(sessionAction)}
      {confirming?.action === "book" && (
        <ConfirmDialog title={bookTitle} confirmLabel={bookLabel} cancelLabel={t("book.notNow")} busy={book.isPending || join.isPending} onConfirm={confirm} onCancel={() => setConfirming(null)}>
          <SessionSummary event={eventOf(confirming.session)} session={confirming.session} />
          {optionPicker}
          {optionFull && <p>{t("book.optionFull", { option: option.name })}</p>}
          {asksApproval && !optionFull && (
            <p className="booking-terms">
              {bookingEvent.facilitator?.name ? t("book.approvalBy", { name: bookingEvent.facilitator.name }) : t("book.approval")}
              {isPaid(confirming.session) && ` ${t("book.approvalPay")}`}
            </p>
          )}
          {!optionFull && <ForWhomField idPrefix={`party-${confirming.session.id}`} people={unseated(confirming.session)} chosen={forWhom} onChange={changeWhom} />}
          {partyFields(!optionFull)}
          {!optionFull && questionsQuery.isError && <ErrorMessage error={questionsQuery.error} title={t("book.questionsError")} onRetry={() => questionsQuery.refetch()} />}
          {!optionFull && (
          <QuestionFields
            idPrefix={`party-${confirming.session.id}`}
            questions={questions}
            answers={given}
            errors={answerErrors}
            onChange={(id, value) => {
              setAnswers({ ...given, [id]: value });
              setAnswerErrors((current) => ({ ...current, [id]: undefined }));
            }}
          />
          )}
          {offerWhatsapp && <WhatsappOptIn idPrefix={`party-${confirming.session.id}`} consent={consent} checked={whatsapp} onChange={setWhatsapp} />}
          {asksApproval ? null : (
          <>
          <FormAlert error={passError} />
          <PaymentChoice idPrefix={`party-${confirming.session.id}`} passes={usable} chosen={chosenPass?.id ?? null} onChange={changePayment} payLabel={payLabel(t, priced, party.seats, quote, eventOf(priced)?.tax_added)}>
            {paying && (
              <>
                {quote && (
                  <p className="code-total">
                    {t("book.toPay")} <CodePrice quote={quote} />
                  </p>
                )}
                <CodeField id={`party-${confirming.session.id}-code`} code={code} />
              </>
            )}
          </PaymentChoice>
          {chosenPass ? <p className="booking-terms">{passTerms}</p> : terms && <p className="booking-terms">{terms}</p>}
          </>
          )}
        </ConfirmDialog>
      )}
      {confirming?.action === "join" && (
        <ConfirmDialog title={t("joinDialog.title")} confirmLabel={joinLabel} cancelLabel={t("book.notNow")} busy={join.isPending} onConfirm={confirm} onCancel={() => setConfirming(null)}>
          <SessionSummary event={eventOf(confirming.session)} session={confirming.session} />
          {optionPicker}
          <p>
            {t("joinDialog.full")} {waitingAhead > 0 ? t("joinDialog.waiting", { count: waitingAhead }) : t("joinDialog.nobody")}{" "}
            {confirming.session.waitlist_mode === "offer" ? t("joinDialog.offer") : t("joinDialog.auto")}
          </p>
          <ForWhomField idPrefix={`party-${confirming.session.id}`} people={unplaced(confirming.session)} chosen={forWhom} onChange={changeWhom} />
          {partyFields(false)}
          {party.seats > 1 && <p className="muted">{t("joinDialog.group", { seats: party.seats })}</p>}
        </ConfirmDialog>
      )}
      {confirming?.action === "leave" && <LeaveWaitlistDialog place={confirming.place} busy={leave.isPending} onConfirm={confirm} onCancel={() => setConfirming(null)} />}
    </>
  );
}
