"""What each kind of change says, before any channel: WORDS, each record's writers of the words people are told
(docs/emails.md's kinds), UNSAID, what it takes back, and the CRM's rows of it (CRM_WRITERS, the CRM's event list);
news.channels' table turns them into each channel's rows."""

from . import account_mail, attendance, imported, money, organiser_writers, pass_mail, taken_back
from . import writers as w
from .automation_rows import FormSigned
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
from .words import booking_unsaid, guest_reminders_unsaid

org = organiser_writers
# Each record's words, in order; beside each, the kinds they are (a reminder: reminder_24h, reminder_2h).
WORDS = {
    Registered: (w.email_welcome,),  # welcome
    AccountMade: (w.email_account_made,),  # account_made
    PlaceInLine: (w.place_in_line,),  # waitlist_joined
    LineEnded: (w.line_ended,),  # waitlist_ended
    Booked: (w.email_booking_confirmed, w.reminders, w.guests_confirmed),  # booking_confirmed, reminders, guests'
    Promoted: (w.email_promoted, w.reminders, w.guests_confirmed),  # waitlist_promoted or approval_waitlisted
    Cancelled: (w.guests_cancelled, w.email_cancelled),  # guest_cancelled, booking_cancelled
    Reactivated: (w.email_reactivated, w.reminders, w.guests_confirmed),  # booking_reactivated, reminders, guests'
    GuestGivenBack: (w.guest_given_back_mail,),  # guest_cancelled (to the guest), the others' reminders again
    CalledOff: (org.guests_called_off, org.email_called_off),  # guest_cancelled, booking_cancelled
    Moved: (org.email_moved, w.reminders, org.guests_moved),  # booking_changed, reminders, guest_changed
    Approved: (org.email_approved, w.reminders, w.guests_confirmed),  # booking_confirmed or approval_granted
    Declined: (org.email_declined,),  # approval_declined
    RequestEnded: (org.email_request_ended,),  # approval_expired (an expired request's)
    WalkedIn: (org.email_walked_in,),  # booking_confirmed
    CheckedIn: (),
    EventChanged: (),
    SessionChanged: (),
    money.InstalmentStep: (money.instalment_mail,),  # instalment_reminder, instalment_due, instalment_paid
    money.BalanceMissed: (money.balance_missed_mail,),  # guest_cancelled, balance_missed
    money.RefundSettled: (money.email_refund_processed,),  # refund_processed
    attendance.AttendanceNoted: (),
    attendance.FeedbackAsked: (attendance.feedback_mail,),  # feedback_request, guest_feedback
    attendance.FeedbackGiven: (),
    CheckinUndone: (),
    RegistrantsEmailed: (w.registrants_emailed,),  # facilitator_message, guest_message
    BookingNews: (w.booking_news,),  # its kind: seat_held, hold_ended
    ApprovalRequested: (w.email_approval_request,),  # approval_request (to the facilitator)
    SeatOffered: (w.offer_words,),  # waitlist_offer
    OfferEnded: (w.offer_ended,),  # offer_ended
    PassPurchased: (pass_mail.purchased_mail,),  # pass_receipt, pass_ending (a pack, a week before its end)
    LastCredit: (pass_mail.last_credit,),  # pass_last_credit
    CodeRedeemed: (),
    PassRenewed: (pass_mail.renewed_mail,),  # pass_renewed
    pass_mail.RenewalComing: (pass_mail.renewal_coming,),  # pass_pre_debit
    RenewalDeclined: (pass_mail.renewal_declined,),  # pass_renewal_declined
    PassLapsed: (pass_mail.lapsed_mail,),  # pass_lapsed
    pass_mail.CreditChanged: (),
    imported.ClientImported: (),
    imported.BookingImported: (w.reminders,),  # reminders (no confirmation: the studio tells its clients)
    imported.BookRestored: (),
    taken_back.RemindersRedone: (taken_back.reminders_again,),  # reminders, as the person's choices now say
    taken_back.Withdrawn: (),
    account_mail.ResetAsked: (account_mail.reset_mail,),  # password_reset
    account_mail.Invited: (account_mail.invitation_mail,),  # studio_invitation
    account_mail.FamilyInvited: (account_mail.family_invitation_mail,),  # family_invitation
    account_mail.GrownUp: (account_mail.grown_up_mail,),  # account_made
    account_mail.AccountErased: (),
    account_mail.ChildErased: (),
    FormSigned: (),  # none: a studio's automations hear it
}

# Each record's CRM messages; beside each, their types.
CRM_WRITERS = {
    Registered: (w.crm_registered,),  # user_registered
    AccountMade: (w.crm_registered,),  # user_registered
    Booked: (w.crm_booking_change, w.crm_payment_succeeded),  # booking_created, payment_succeeded (paid)
    Promoted: (w.crm_promoted,),  # waitlist_promoted, booking_created (active)
    Cancelled: (w.crm_booking_change,),  # booking_cancelled
    Reactivated: (w.crm_booking_change,),  # booking_reactivated
    GuestGivenBack: (w.crm_guest_cancelled,),  # guest_cancelled
    CalledOff: (org.crm_called_off,),  # booking_cancelled (made by the facilitator, in a batch)
    Approved: (org.crm_approved,),  # booking_created (a seat booked), booking_approved
    Declined: (org.crm_declined,),  # booking_declined
    RequestEnded: (org.crm_request_ended,),  # approval_expired or approval_withdrawn
    WalkedIn: (org.crm_walked_in,),  # booking_created (made by the facilitator, paid at the door)
    CheckedIn: (w.crm_checked_in,),  # checked_in
    EventChanged: (org.crm_event_changed,),  # event_created, event_updated or event_cancelled
    SessionChanged: (org.crm_session_changed,),  # session_created, session_updated or session_cancelled
    money.InstalmentStep: (money.crm_instalment,),  # instalment_due, instalment_paid
    money.BalanceMissed: (money.crm_balance_missed,),  # booking_cancelled, balance_missed
    money.RefundSettled: (money.crm_refund_settled,),  # refund_processed or refund_failed
    attendance.AttendanceNoted: (attendance.crm_attendance,),  # no_show, attendance_attended or attendance_no_show
    attendance.FeedbackGiven: (attendance.crm_feedback,),  # feedback_received
    CheckinUndone: (org.crm_checkin_undone,),  # checkin_undone
    ApprovalRequested: (w.crm_approval_requested,),  # approval_requested
    PassPurchased: (pass_mail.crm_purchased,),  # pass_purchased
    CodeRedeemed: (pass_mail.code_redeemed,),  # code_redeemed
    PassRenewed: (pass_mail.crm_renewed,),  # pass_renewed
    PassLapsed: (pass_mail.crm_lapsed,),  # pass_lapsed
    pass_mail.CreditChanged: (pass_mail.crm_credit,),  # credit_spent, credit_returned or credit_forfeited
    imported.ClientImported: (imported.crm_client_imported,),  # user_registered, client_imported, pass_purchased
    imported.BookingImported: (w.crm_booking_change,),  # booking_created
    imported.BookRestored: (imported.crm_book_restored,),  # client_book_restored
    account_mail.AccountErased: (account_mail.crm_erased,),  # person_erased
    account_mail.GrownUp: (account_mail.crm_grown_up,),  # user_registered, dependent_grown
    account_mail.ChildErased: (account_mail.crm_child_erased,),  # dependent_erased
}
# The CRM's summaries of what people were told: session_message, with how many.
CRM_SUMMARIES = {RegistrantsEmailed: w.crm_registrants_emailed}

# What each record takes back, on every channel (none: nothing).
UNSAID = {
    Cancelled: booking_unsaid,  # its reminders, the booker's and the guests'
    CalledOff: booking_unsaid,
    money.BalanceMissed: booking_unsaid,
    Moved: booking_unsaid,  # written again as the session now is
    GuestGivenBack: guest_reminders_unsaid,  # the guests', written again with their seats renumbered
    taken_back.RemindersRedone: taken_back.redone_unsaid,  # the reminders of their bookings ahead
    taken_back.Withdrawn: taken_back.withdrawn_unsaid,  # the messages named
}

# Every kind of news publish() takes.
RECORDS = tuple(WORDS)
