"""Typo-tolerant search of the client book by name, email or phone, one contract on both databases.

A client matches `q` when q is part of their name or email (any case), when q's digits (three or more) are part of
their phone's digits (spaces and punctuation ignored on both sides), or, for q of four letters or more, when q or
one of its one-typo variants (two neighbours swapped; a letter dropped, from five letters) is trigram-similar to a
word of their name or email. PostgreSQL: pg_trgm's GIN indexes serve ILIKE and word similarity (the %> operator at
its default threshold); SQLite: the FTS5 trigram table (migration e1f9a3c7b5d2) finds the candidates, which share a
trigram with q or a variant, and the same rule is counted in SQL. Exact matches come first, then prefixes, then
other parts, then typos by similarity."""

import re

import sqlalchemy as sa

from ...models import Client

SHORTEST_FOR_INDEX = 3  # FTS5's trigram tokenizer (and pg_trgm's index) cannot look up fewer characters
SHORTEST_FOR_TYPOS = 4  # below this a one-letter change makes another common name or a part of many
SHORTEST_FOR_DROPS = 5  # a dropped letter still leaves a four-letter word
LONGEST_FOR_TYPOS = 32  # past this a name is pasted, not typed: the variants would only cost
SQLITE_SHARE = 0.5  # SQLite: the part of a variant's trigrams a name must hold (pg_trgm's 0.6 counts its padding)
EXACT, PREFIX, PART = 3, 2, 1  # tiers of the order; a typo ranks by its similarity, below 1


def digits_of(phone: str | None) -> str | None:
    """The phone's digits alone (None without any), as the search compares phones."""
    digits = re.sub(r"\D", "", phone or "")
    return digits or None


def variants(term: str) -> list[str]:
    """The term and its one-typo variants: each pair of neighbours swapped, and (from five letters) each letter
    dropped."""
    found = [term]
    if not SHORTEST_FOR_TYPOS <= len(term) <= LONGEST_FOR_TYPOS or not re.search(r"[^\W\d_]", term):
        return found
    found += [term[:i] + term[i + 1] + term[i] + term[i + 2 :] for i in range(len(term) - 1)]
    if len(term) >= SHORTEST_FOR_DROPS:
        found += [term[:i] + term[i + 1 :] for i in range(len(term))]
    return list(dict.fromkeys(v for v in found if len(v.strip()) >= SHORTEST_FOR_INDEX))


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matching(q: str, dialect: str) -> tuple[sa.ColumnElement, sa.ColumnElement]:
    """(the condition a client matching q meets, the rank to order them by, highest first)."""
    term = " ".join(q.lower().split())
    digits = digits_of(q)
    digits = digits if digits and len(digits) >= SHORTEST_FOR_INDEX else None
    part, start = f"%{_escaped(term)}%", f"{_escaped(term)}%"
    substring = [Client.name.ilike(part, escape="\\"), Client.email.ilike(part, escape="\\")]
    exact = [sa.func.lower(Client.name) == term, sa.func.lower(Client.email) == term]
    prefix = [Client.name.ilike(start, escape="\\"), Client.name.ilike("% " + start, escape="\\")]
    prefix.append(Client.email.ilike(start, escape="\\"))
    if digits:
        substring.append(Client.phone_digits.like(f"%{digits}%"))
        exact.append(Client.phone_digits == digits)
    tier = sa.case((sa.or_(*exact), EXACT), (sa.or_(*prefix), PREFIX), (sa.or_(*substring), PART), else_=0)
    found = variants(term)
    typos = found if len(found) > 1 else []
    if dialect == "postgresql":
        return _postgresql(substring, typos, tier)
    return _sqlite(term, digits, substring, typos, tier)


def _postgresql(substring: list, typos: list[str], tier) -> tuple:
    """ILIKE and %> on the GIN trigram indexes; a typo's rank is its best word similarity."""
    if not typos:
        return sa.or_(*substring), tier
    similar = [column.op("%>")(v) for v in typos for column in (Client.name, Client.email)]
    scores = [sa.func.word_similarity(v, sa.func.coalesce(c, "")) for v in typos for c in (Client.name, Client.email)]
    return sa.or_(*substring, *similar), tier + sa.func.greatest(*scores) * 0.99


def _sqlite(term: str, digits: str | None, substring: list, typos: list[str], tier) -> tuple:
    """The FTS5 table's candidates (any trigram of the term, a variant or the digits), then the rule in SQL; a query
    too short for trigrams reads the studio's clients alone."""
    pieces = {t for v in (typos or [term]) for t in _trigrams(v)} | set(_trigrams(digits or ""))
    if not pieces:
        return sa.or_(*substring), tier
    fts = sa.table("crm_clients_search", sa.column("rowid"))
    expression = " OR ".join('"' + piece.replace('"', '""') + '"' for piece in sorted(pieces))
    candidates = sa.select(fts.c.rowid).where(sa.text("crm_clients_search MATCH :fts").bindparams(fts=expression))
    if not typos:
        return sa.and_(Client.id.in_(candidates), sa.or_(*substring)), tier
    shares = [_share(column, v) for v in typos for column in (Client.name, Client.email)]
    best = sa.func.max(*shares) if len(shares) > 1 else shares[0]
    similar = sa.or_(*(share >= SQLITE_SHARE for share in shares))
    return sa.and_(Client.id.in_(candidates), sa.or_(*substring, similar)), tier + best * 0.99


def _trigrams(text: str) -> list[str]:
    return [text[i : i + 3] for i in range(len(text) - 2)]


def _share(column, variant: str) -> sa.ColumnElement:
    """The part of the variant's trigrams (a space before and after it) found in the column, spaced alike."""
    padded = sa.literal(" ") + sa.func.lower(sa.func.coalesce(column, "")) + sa.literal(" ")
    pieces = sorted(set(_trigrams(f" {variant} ")))
    found = [sa.case((sa.func.instr(padded, piece) > 0, 1.0), else_=0.0) for piece in pieces]
    return sum(found[1:], found[0]) / len(pieces)
