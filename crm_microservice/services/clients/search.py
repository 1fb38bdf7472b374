"""Typo-tolerant search of the client book by name (in either script: name or other_name), email or phone, with the
same answers on both databases.

A client matches `q` when q is part of their name, other name or email (in any case: ASCII letters on both databases,
others' case on PostgreSQL alone), when q's digits (three or more) are part of
their phone's digits (spaces and punctuation ignored on both sides, a digit of any script read as its value), or,
for q of four to 32 characters with a letter, when q with one typo undone is part of their names or email: two
neighbours swapped, one character missing inside it, or (from five characters) one changed or one too many. q and
the names are compared in NFC (names.py); a character is a code point, so a Devanagari vowel sign, virama or nukta
is one, as it is one key on a Hindi or Marathi keyboard. Each such variant is a LIKE pattern holding
three characters in a row at least, so an index finds it: PostgreSQL's GIN trigram indexes (pg_trgm) serve ILIKE;
SQLite's FTS5 trigram table (migration e1f9a3c7b5d2) finds the rows holding that run, which the same LIKE then
checks. Both find the rows, the LIKE decides: whatever characters the database's locale lets pg_trgm count as a
word's (Devanagari's vowel signs and virama are marks, not letters), the answers are the same. Order: exact matches,
then prefixes (of a name, a word of it, or the email), then other parts, then typos, a typo at the start of a word
first; PostgreSQL ranks further by pg_trgm's word similarity to q."""

import re
import unicodedata

import sqlalchemy as sa

from ...models import Client
from .names import written

SHORTEST_RUN = 3  # FTS5's trigram tokenizer and pg_trgm's index look up three characters at least
SHORTEST_FOR_TYPOS = 4  # below this a swap makes another common name
SHORTEST_FOR_EDITS = 5  # a changed or dropped letter in four leaves three that are part of too many names
LONGEST_FOR_TYPOS = 32  # past this a name is pasted, not typed: the variants would only cost
EXACT, PREFIX, PART = 3.0, 2.0, 1.0  # tiers of the order; a typo is below 1
COLUMNS = (Client.name, Client.other_name, Client.email)
NAMES = (Client.name, Client.other_name)


def digits_of(phone: str | None) -> str | None:
    """The phone's digits alone, in ASCII (९८१ as 981; None without any), as the search compares phones."""
    digits = "".join(str(unicodedata.decimal(char)) for char in re.sub(r"\D", "", phone or ""))
    return digits or None


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def typos(term: str) -> list[tuple[str, tuple[str, ...]]]:
    """(LIKE pattern, the runs of plain characters in it an index can find: a row must hold them all) of each
    one-typo variant of the term with such a run."""
    if not SHORTEST_FOR_TYPOS <= len(term) <= LONGEST_FOR_TYPOS or not re.search(r"[^\W\d_]", term):
        return []
    found = {}
    for i in range(len(term)):
        if i + 1 < len(term):
            swapped = term[:i] + term[i + 1] + term[i] + term[i + 2 :]
            found[_escaped(swapped)] = (swapped,)
        if i:  # a letter left out inside the term ("Rohn"); at either end the term is part of the name already
            left, right = term[:i], term[i:]
            found[_escaped(left) + "_" + _escaped(right)] = (left, right)
        if len(term) >= SHORTEST_FOR_EDITS:
            left, right = term[:i], term[i + 1 :]
            found[_escaped(left) + "_" + _escaped(right)] = (left, right)
            found[_escaped(left + right)] = (left + right,)
    found.pop(_escaped(term), None)
    runs = {pattern: tuple(r for r in pieces if len(r) >= SHORTEST_RUN) for pattern, pieces in found.items()}
    return [(pattern, pieces) for pattern, pieces in runs.items() if pieces]


def _like(dialect: str):
    """LIKE in any case: ILIKE on PostgreSQL (its GIN trigram indexes serve it); SQLite's LIKE already ignores the
    case of ASCII letters, as its lower() does (ILIKE would only call lower() on both sides)."""

    def like(column, pattern: str) -> sa.ColumnElement:
        if dialect == "postgresql":
            return column.ilike(pattern, escape="\\")
        return column.like(pattern, escape="\\")

    return like


def corrects(q: str) -> bool:
    """Whether a search for q would also try q with one typo undone (matching(..., typos=True))."""
    return bool(typos(_term(q)))


def _term(q: str) -> str:
    return " ".join(written(q).lower().split())


def matching(q: str, dialect: str, with_typos: bool = True) -> tuple[sa.ColumnElement, sa.ColumnElement]:
    """(the condition a client matching q (or, with_typos, q with one typo undone) meets, the rank to order them by,
    highest first)."""
    term = _term(q)
    digits = digits_of(q)
    digits = digits if digits and len(digits) >= SHORTEST_RUN else None
    like = _like(dialect)
    substring = [like(column, f"%{_escaped(term)}%") for column in COLUMNS]
    exact = [sa.func.lower(column) == term for column in COLUMNS]
    if digits:
        substring.append(Client.phone_digits.like(f"%{digits}%"))
        exact.append(Client.phone_digits == digits)
    variants = typos(term) if with_typos else []
    typo, typo_start = _typo_tests(dialect, [pattern for pattern, _runs in variants])
    tier = sa.case(
        (sa.or_(*exact), EXACT),
        (sa.or_(*_starts(like, _escaped(term))), PREFIX),
        (sa.or_(*substring), PART),
        (typo_start, 0.5),
        else_=0.0,
    )
    condition = sa.or_(*substring)
    if dialect == "postgresql":
        if variants:  # the rows holding a variant's runs (each a trigram index look-up), then the one expression
            condition = sa.or_(*substring, sa.and_(typo, _holding_runs(like, variants)))
        similarity = [sa.func.word_similarity(term, sa.func.coalesce(column, "")) for column in COLUMNS]
        return condition, tier + sa.func.greatest(*similarity) * 0.49
    if variants:  # every variant keeps one half of the term: two cheap tests before the many
        halves = [like(column, f"%{_escaped(half)}%") for half in _halves(term) for column in COLUMNS]
        condition = sa.or_(*substring, sa.and_(sa.or_(*halves), typo))
    groups = {pieces for _pattern, pieces in variants} | {(p,) for p in (term, digits) if p and len(p) >= SHORTEST_RUN}
    if groups:  # else too short for trigrams: the studio's clients are read for parts
        condition = sa.and_(Client.id.in_(_fts_candidates(groups)), condition)
    return condition, tier


def _typo_tests(dialect: str, patterns: list[str]) -> tuple[sa.ColumnElement, sa.ColumnElement]:
    """(a variant is part of the name or email, a variant starts the name, a word of it or the email): on
    PostgreSQL one regular expression per column (the same LIKE patterns, one pass over each value), on SQLite the
    LIKE patterns."""
    if not patterns:
        return sa.false(), sa.false()
    if dialect == "postgresql":
        # On coalesce(column, ''), which no index covers: the planner finds candidates by the variants' runs
        # (_holding_runs), more selective than the few trigrams it could draw from the expression, and tests them.
        either = "(" + "|".join(_regex(pattern) for pattern in patterns) + ")"
        part = sa.or_(*(sa.func.coalesce(column, "").op("~*")(either) for column in COLUMNS))
        starts = [name.op("~*")(r"(^|\s)" + either) for name in NAMES]
        return part, sa.or_(*starts, Client.email.op("~*")("^" + either))
    like = _like(dialect)
    part = sa.or_(*(like(column, f"%{pattern}%") for pattern in patterns for column in COLUMNS))
    return part, sa.or_(*(test for pattern in patterns for test in _starts(like, pattern)))


def _regex(pattern: str) -> str:
    """The LIKE pattern (escaped with a backslash, no %) as a regular expression: _ any character."""
    pieces, escaped = [], False
    for char in pattern:
        if escaped or char not in "\\_":
            pieces.append(re.escape(char))
            escaped = False
        elif char == "\\":
            escaped = True
        else:
            pieces.append(".")
    return "".join(pieces)


def _holding_runs(like, variants: list[tuple[str, tuple[str, ...]]]) -> sa.ColumnElement:
    """PostgreSQL: a name or email holding some variant's longest run, as ILIKEs its GIN trigram indexes answer (every
    run has three characters at least), so the planner reads the candidates through them, not the table. A run
    holding another of them is left out: the other finds its rows already. Each candidate is tested against every
    ILIKE left (the index's recheck), so fewer of them cost less than more selective ones."""
    longest = {max(runs, key=len) for _pattern, runs in variants}
    needed = sorted(run for run in longest if not any(other != run and other in run for other in longest))
    return sa.or_(*(like(column, f"%{_escaped(run)}%") for run in needed for column in COLUMNS))


def _halves(term: str) -> tuple[str, str]:
    """Two parts of the term, one of which every one-typo variant holds unchanged: a typo touches at most two
    neighbouring characters, so it spares the part before the middle or the part after it."""
    middle = (len(term) + 1) // 2
    return term[: middle - 1], term[middle + 1 :]


def _starts(like, pattern: str) -> list[sa.ColumnElement]:
    """A name, a word of it, or the email starting with the (escaped) pattern."""
    words = [like(name, start) for name in NAMES for start in (f"{pattern}%", f"% {pattern}%")]
    return [*words, like(Client.email, f"{pattern}%")]


def _fts_candidates(groups: set[tuple[str, ...]]) -> sa.Select:
    """SQLite: the rows of crm_clients_search holding every run of any group (a phrase of the trigram tokenizer
    matches a run of characters anywhere in a column, in any case)."""
    fts = sa.table("crm_clients_search", sa.column("rowid"))

    def phrase(run: str) -> str:
        return '"' + run.replace('"', '""') + '"'

    query = " OR ".join("(" + " AND ".join(phrase(run) for run in group) + ")" for group in sorted(groups))
    return sa.select(fts.c.rowid).where(sa.text("crm_clients_search MATCH :fts").bindparams(fts=query))
