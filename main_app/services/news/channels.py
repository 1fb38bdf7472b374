"""Which channels hear of which change: CHANNELS, one line per record, read against docs/emails.md (emails, texts,
notices, reminders) and the CRM's event list; the writers are in news.writers."""

from . import attendance, imported, money, organiser_writers, pass_mail
from .organiser import (
    Approved,
    CalledOff,
    CheckinUndone,
    Declined,
    EventChanged,
    Moved,
    RequestEnded,
    SessionChanged,
    WalkedIn,
)
from .records import (
    AccountMade,
    ApprovalRequested,
    Booked,
    BookingNews,
    Cancelled,
    CheckedIn,
    CodeRedeemed,
    GuestGivenBack,
    LastCredit,
    LineEnded,
    OfferEnded,
    PassLapsed,
    PassPurchased,
    PassRenewed,
    PlaceInLine,
    Promoted,
    Reactivated,
    Registered,
    RegistrantsEmailed,
    RenewalDeclined,
    SeatOffered,
)
from .writers import (
    booking_news,
    crm_approval_requested,
    crm_booking_change,
    crm_checked_in,
    crm_guest_cancelled,
    crm_payment_succeeded,
    crm_promoted,
    crm_registered,
    email_account_made,
    email_approval_request,
    email_booking_confirmed,
    email_cancelled,
    email_promoted,
    email_reactivated,
    email_welcome,
    guest_given_back_mail,
    guests_cancelled,
    guests_confirmed,
    line_ended,
    offer_ended,
    offer_rows,
    place_in_line,
    registrants_emailed,
    reminders,
)

# The one table: each record's writers, in the order their rows are written. Beside each, what it writes: CRM types,
# then email kinds (a text and a notice go beside an email whose kind TEXTS and NOTICES list), reminders, guests' mail.
CHANNELS = {
    # user_registered | welcome
    Registered: (crm_registered, email_welcome),
    # user_registered | account_made
    AccountMade: (crm_registered, email_account_made),
    # - | waitlist_joined
    PlaceInLine: (place_in_line,),
    # - | waitlist_ended
    LineEnded: (line_ended,),
    # booking_created, payment_succeeded (paid) | booking_confirmed | reminder_24h, reminder_2h | guest_confirmed
    Booked: (crm_booking_change, crm_payment_succeeded, email_booking_confirmed, reminders, guests_confirmed),
    # waitlist_promoted, booking_created (active) | waitlist_promoted or approval_waitlisted | reminders | guests
    Promoted: (crm_promoted, email_promoted, reminders, guests_confirmed),
    # booking_cancelled | guest_cancelled | booking_cancelled
    Cancelled: (crm_booking_change, guests_cancelled, email_cancelled),
    # booking_reactivated | booking_reactivated | reminders | guest_confirmed
    Reactivated: (crm_booking_change, email_reactivated, reminders, guests_confirmed),
    # guest_cancelled | guest_cancelled (to the guest) | the other guests' reminders, written again
    GuestGivenBack: (crm_guest_cancelled, guest_given_back_mail),
    # booking_cancelled (made by the facilitator, in a batch) | guest_cancelled | booking_cancelled
    CalledOff: (
        organiser_writers.crm_called_off,
        organiser_writers.guests_called_off,
        organiser_writers.email_called_off,
    ),
    # - | booking_changed | reminders | guest_changed, their reminders
    Moved: (organiser_writers.email_moved, reminders, organiser_writers.guests_moved),
    # booking_created (a seat booked), booking_approved | booking_confirmed or approval_granted | reminders | guests
    Approved: (organiser_writers.crm_approved, organiser_writers.email_approved, reminders, guests_confirmed),
    # booking_declined | approval_declined
    Declined: (organiser_writers.declined,),
    # approval_expired or approval_withdrawn | approval_expired (an expired request's)
    RequestEnded: (organiser_writers.request_ended,),
    # booking_created (made by the facilitator, paid at the door) | booking_confirmed (checked_in: CheckedIn's)
    WalkedIn: (organiser_writers.crm_walked_in, organiser_writers.email_walked_in),
    # checked_in
    CheckedIn: (crm_checked_in,),
    # event_created, event_updated or event_cancelled
    EventChanged: (organiser_writers.crm_event_changed,),
    # session_created, session_updated or session_cancelled
    SessionChanged: (organiser_writers.crm_session_changed,),
    # instalment_due, instalment_paid | instalment_reminder, instalment_due, instalment_paid
    money.InstalmentStep: (money.instalment_mail, money.crm_instalment),
    # booking_cancelled, balance_missed | guest_cancelled | balance_missed
    money.BalanceMissed: (money.balance_missed,),
    # refund_processed or refund_failed | refund_processed
    money.RefundSettled: (money.crm_refund_settled, money.email_refund_processed),
    # no_show, attendance_attended or attendance_no_show
    attendance.AttendanceNoted: (attendance.crm_attendance,),
    # - | feedback_request, guest_feedback
    attendance.FeedbackAsked: (attendance.feedback_mail,),
    # feedback_received
    attendance.FeedbackGiven: (attendance.crm_feedback,),
    # checkin_undone
    CheckinUndone: (organiser_writers.crm_checkin_undone,),
    # session_message | facilitator_message, guest_message
    RegistrantsEmailed: (registrants_emailed,),
    # - | its kind: seat_held, hold_ended
    BookingNews: (booking_news,),
    # approval_requested | approval_request (to the facilitator)
    ApprovalRequested: (crm_approval_requested, email_approval_request),
    # - | waitlist_offer
    SeatOffered: (offer_rows,),
    # - | offer_ended
    OfferEnded: (offer_ended,),
    # pass_purchased | pass_receipt, pass_ending (a pack, due a week before its end)
    PassPurchased: (pass_mail.purchased,),
    # - | pass_last_credit
    LastCredit: (pass_mail.last_credit,),
    # code_redeemed
    CodeRedeemed: (pass_mail.code_redeemed,),
    # pass_renewed | pass_renewed
    PassRenewed: (pass_mail.renewed,),
    # - | pass_pre_debit (a text too, texts on)
    pass_mail.RenewalComing: (pass_mail.renewal_coming,),
    # - | pass_renewal_declined
    RenewalDeclined: (pass_mail.renewal_declined,),
    # pass_lapsed | pass_lapsed
    PassLapsed: (pass_mail.lapsed,),
    # user_registered (an account made), client_imported, pass_purchased (an opening balance, at no price)
    imported.ClientImported: (imported.crm_client_imported,),
    # booking_created | - | reminder_24h, reminder_2h
    imported.BookingImported: (crm_booking_change, reminders),
    # client_book_restored
    imported.BookRestored: (imported.crm_book_restored,),
}
