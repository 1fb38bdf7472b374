"""An email's subject line in its person's language: its kind's, or for a change one that says what changed, with the
names and times it quotes."""

from main_app.services.languages import N_, gettext

from .mime import one_line

# A change's label (programme's) and the word its subject uses for it, in the subject's order.
CHANGE_WORDS = {"When": "time", "Where": "place", "What": "name"}
# The subject of a change, by what changed (a whole sentence each, so that every language can say it its own way).
CHANGED_SUBJECTS = {
    ("time",): N_("New time: {title}, now {when}"),
    ("place",): N_("New place: {title}, {when}"),
    ("name",): N_("New name: {title}, {when}"),
    ("time", "place"): N_("New time and place: {title}, now {when}"),
    ("time", "name"): N_("New time and name: {title}, now {when}"),
    ("place", "name"): N_("New place and name: {title}, {when}"),
    ("time", "place", "name"): N_("New time, place and name: {title}, now {when}"),
}


def subject_line(template: str, kind: str, snapshot: dict, context: dict) -> str:
    """The subject line: the kind's (template), in the language spoken now, with the names and times it quotes, on
    one line."""
    changed = kind in ("booking_changed", "guest_changed")
    subject = _changed_subject(snapshot["changes"], template) if changed else template
    subject = gettext(subject).format(
        name=snapshot["to"]["name"],
        title=context.get("event", {}).get("title", ""),
        when=context["when"],
        subject=snapshot.get("subject", ""),
        lead=snapshot.get("lead", ""),
        pass_name=snapshot.get("pass", {}).get("name", ""),
        pass_ends=context.get("pass", {}).get("valid_until", ""),  # as the person reads them (emails.shown)
        renews_on=context.get("renewal", {}).get("charge_at", ""),
        amount=context.get("renewal", {}).get("amount", ""),
        person=snapshot.get("person", {}).get("name", ""),
        studio=context["studio"]["name"],
    )
    return one_line(subject)


def _changed_subject(changes: list[dict], unnamed: str) -> str:
    """A change's subject says what changed: "New place: …", "New time: …, now …", "New time and place: …, now …"."""
    labels = {change["label"] for change in changes}
    words = tuple(word for label, word in CHANGE_WORDS.items() if label in labels)
    return CHANGED_SUBJECTS.get(words, unnamed)
