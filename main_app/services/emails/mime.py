"""MIME parts and header values for the emails composed here: the standard library's plain classes with a policy
that writes ready-made header values as they are, text parts in quoted-printable UTF-8, names as RFC 2047 words."""

import binascii
import re
from email import policy
from email.charset import BASE64, Charset
from email.header import Header
from email.message import Message
from email.utils import formataddr


class ReadyHeaders(policy.Compat32):
    """compat32 writing a header whose value is ASCII on one line within the limit as it is: every value here is set
    ready-made (see MAIL_POLICY), and the library passes each through email.header.Header to fold it again, which
    was most of the cost of writing a confirmation out. Anything else takes the library's own path."""

    def _as_is(self, name: str, value) -> str | None:
        if (
            isinstance(value, str)
            and value.isascii()
            and "\r" not in value
            and "\n" not in value
            and len(name) + 2 + len(value) <= self.max_line_length
        ):
            return f"{name}: {value}{self.linesep}"
        return None

    def fold(self, name, value):
        return self._as_is(name, value) or super().fold(name, value)

    def fold_binary(self, name, value):
        line = self._as_is(name, value)
        return line.encode("ascii") if line is not None else super().fold_binary(name, value)


# The standard library's plain MIME classes and their policy, with CRLF line ends for SMTP: a message is assembled
# from its parts far faster than EmailMessage, which parses every header it sets. Header values are set ready-made,
# non-ASCII text as RFC 2047 words of at most 76 characters side by side; lines are never folded below RFC 5322's
# 998 (a long unsubscribe address stays whole).
MAIL_POLICY = ReadyHeaders(linesep="\r\n", max_line_length=998)
# Header words in base64 ("B"): the library sizes them in one pass (its "shortest of Q and B" measures every
# character, three times as long).
UTF8_WORDS = Charset("utf-8")
UTF8_WORDS.header_encoding = BASE64
LINE_END = re.compile(r"\r\n?")


# Text parts as UTF-8 in quoted-printable: lines of at most 76 characters whatever a template or a person wrote (an
# HTML line of five inlined buttons, a paragraph typed on one line), where RFC 5321 allows a server to refuse a line
# beyond 1,000 octets and many do; and 7-bit, for a server without 8BITMIME. ASCII text stays readable as it is.
def text_part(content: str, subtype: str, **params) -> Message:
    """A text/<subtype> part in UTF-8 (quoted-printable), with any further Content-Type parameters."""
    part = Message(policy=MAIL_POLICY)
    # What set_payload() with a quoted-printable UTF-8 Charset writes, its body encoded by binascii's C
    # quoted-printable rather than the library's pure Python one (a third of the time, the same bytes).
    part["Content-Transfer-Encoding"] = "quoted-printable"
    part["MIME-Version"] = "1.0"
    part["Content-Type"] = f'text/{subtype}; charset="utf-8"'
    lines = LINE_END.sub("\n", content)  # every line end as the library reads them (it splits at a lone CR too)
    part.set_payload(binascii.b2a_qp(lines.encode("utf-8"), istext=True).decode("ascii"))
    for name, value in params.items():
        part.set_param(name, value)
    return part


def address(name: str, email: str) -> str:
    """An address header's value: a non-ASCII name as RFC 2047 words, one line whatever the name holds."""
    name = one_line(name)
    return formataddr((name, email)) if name.isascii() else f"{words(name)} <{email}>"


def words(text: str) -> str:
    """A header value: ASCII as it is, anything else as RFC 2047 encoded words (UTF-8) on one line."""
    return text if text.isascii() else Header(text, UTF8_WORDS, maxlinelen=76).encode(linesep=" ")


def one_line(text: str) -> str:
    """A header value: a title typed with line breaks or tabs reads as one line (and cannot add a header)."""
    return " ".join(text.split())
