"""A document's PDF, drawn with fpdf2 in the DejaVu fonts shipped beside this module (₹, € and names beyond
Latin-1 print on a machine with no fonts installed), and Noto Sans for India's scripts (a name in Hindi or Tamil
prints, shaped by HarfBuzz): every field GST's rules 46 and 53 and the VAT Directive's Article 226 ask for
(docs/payments.md lists them), and the same bytes each time for the same document. Its words are in the language
spoken when it is drawn (reads.py draws each in its person's, as the buyer reads it); the amount in words in English
in every language (no maintained library spells amounts in Hindi or Marathi)."""

from datetime import datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_date
from fontTools.ttLib import TTFont
from fpdf import FPDF

from main_app.services.common import format_money
from main_app.services.languages import DEFAULT_LANGUAGE, LOCALES, N_, gettext, spoken_language

from ...models import CREDIT_NOTE, Invoice
from .billing import TAX_ID_NAMES
from .words import amount_in_words

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"  # lettering.FONT names it for other documents
# DejaVu Sans cut to Latin letters, punctuation and currency signs (fontTools' pyftsubset, LATIN_CUT's characters,
# no hinting): a document in them is drawn in a third of the CPU, since fpdf2 parses a font for every document.
LATIN = FONTS / "latin"
LATIN_CUT = "U+0020-007E,U+00A0-024F,U+2010-2027,U+2030-203A,U+20A0-20CF,U+2116,U+2122,U+2212,U+FFFD"
# India's scripts DejaVu Sans lacks, each drawn in its Noto Sans where a character of it appears.
SCRIPTS = ("Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam")
INDIC = range(0x0900, 0x0D80)  # their Unicode blocks, Devanagari to Malayalam
WIDTHS = (62, 18, 12, 22, 24, 12, 20, 20)  # description, SAC, qty, unit, taxable, rate, tax, total (mm)
HEADINGS = (N_("Description"), "SAC", N_("Qty"), N_("Unit price"), N_("Taxable value"), N_("Rate"), N_("Tax"))
HEADINGS += (N_("Total"),)
REVERSE_CHARGE = N_("Reverse charge: VAT to be accounted for by the recipient (Article 196, Directive 2006/112/EC).")
INCLUSIVE_UNIT = N_("Unit incl. tax")  # the unit price heading when prices include the tax


def _title(document: Invoice) -> str:
    if document.kind == CREDIT_NOTE:
        return gettext("Credit note")
    return gettext("Tax invoice") if document.tax.get("name") else gettext("Invoice")


def _number_label(document: Invoice) -> str:
    if document.kind == CREDIT_NOTE:
        return gettext("Credit note number")
    return gettext("Tax invoice number") if document.tax.get("name") else gettext("Invoice number")


def _rate(basis_points: float) -> str:
    return f"{basis_points / 100:g}%"


def _seller_lines(seller: dict) -> list[str]:
    """The supplier's name, address and tax id as printed."""
    lines = [*seller.get("address_lines", [])]
    lines.append(" ".join(part for part in (seller.get("city"), seller.get("postcode")) if part))
    if seller.get("state"):
        code = seller.get("state_code")
        state = seller["state"]
        lines.append(gettext("{state} (state code {code})").format(state=state, code=code) if code else state)
    lines.append(seller.get("country") or "")
    tax_id = seller.get("tax_id")
    if tax_id:
        lines.append(f"{'GSTIN' if _is_gstin(tax_id) else gettext('VAT number')}: {tax_id}")
    return [line for line in lines if line]


def _is_gstin(tax_id: str) -> bool:
    return len(tax_id) == 15 and tax_id[:2].isdigit()


def _day(moment: datetime, timezone: str) -> str:
    """The day a moment falls on at the studio, as printed: its financial year and its returns count that day (01
    Apr 2026; 01 अप्रैल 2026)."""
    local = moment.astimezone(ZoneInfo(timezone))
    language = spoken_language()
    if language == DEFAULT_LANGUAGE:  # as English documents have always printed it (CLDR's en_IN writes "Sept")
        return f"{local:%d %b %Y}"
    return babel_date(local, "dd MMM y", locale=LOCALES[language])


def _facts(document: Invoice, credited: Invoice | None, paid_by: str | None, zone: str) -> list[tuple[str, str]]:
    """The document's number, dates (the studio's days), place of supply, how it was paid (an invoice) and what it
    credits."""
    issued = _day(document.issued_at, zone)
    facts = [(_number_label(document), document.formatted_number), (gettext("Date of issue"), issued)]
    facts.append((gettext("Date of supply"), issued))
    if document.place_of_supply:
        facts.append((gettext("Place of supply"), document.place_of_supply))
    if document.kind != CREDIT_NOTE and paid_by:
        facts.append((gettext("Payment method"), gettext(paid_by)))
    if document.kind == CREDIT_NOTE and credited is not None:
        against = gettext("{number} of {day}").format(
            number=credited.formatted_number, day=_day(credited.issued_at, zone)
        )
        facts.append((gettext("Against invoice"), against))
    if document.tax.get("name"):
        facts.append(
            (gettext("Reverse charge"), gettext("Yes") if document.tax.get("reverse_charge") else gettext("No"))
        )
    return facts


def _buyer_lines(document: Invoice) -> list[str]:
    """Whom it is billed to: the name, the address and tax id of their billing details when they gave them (rule
    46(e), Art. 226(4)-(5)), and the email."""
    buyer = document.buyer or {}
    lines = [document.buyer_name, *buyer.get("address_lines", [])]
    if buyer.get("tax_id"):
        lines.append(f"{gettext(TAX_ID_NAMES.get(buyer.get('country'), N_('Tax id')))}: {buyer['tax_id']}")
    return [*lines, document.buyer_email]


def _header(pdf: FPDF, document: Invoice, credited: Invoice | None, paid_by: str | None) -> None:
    pdf.set_font(FONT, "B", 16)
    pdf.cell(0, 10, _title(document).upper(), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 11)
    pdf.cell(0, 6, document.seller["name"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    for line in _seller_lines(document.seller):
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for label, value in _facts(document, credited, paid_by, pdf.timezone):
        pdf.cell(40, 5, f"{label}:")
        pdf.cell(0, 5, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font(FONT, "B", 9)
    pdf.cell(0, 5, gettext("Billed to"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    for line in _buyer_lines(document):
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def _lines(pdf: FPDF, document: Invoice) -> None:
    money = document.currency
    pdf.set_font(FONT, "B", 8)
    headings = [gettext(heading) for heading in HEADINGS]
    if document.tax.get("name") and document.tax.get("inclusive"):
        headings[3] = gettext(INCLUSIVE_UNIT)
    for width, heading in zip(WIDTHS, headings, strict=True):
        pdf.cell(width, 6, heading, border=1)
    pdf.ln()
    pdf.set_font(FONT, "", 8)
    rate = _rate(document.tax.get("rate", 0))
    for line in document.lines:
        values = (
            line["description"],
            line.get("service_code") or "",
            str(line["quantity"]),
            format_money(line["unit"], money),
            format_money(line["taxable"], money),
            rate,
            format_money(line["tax"], money),
            format_money(line["total"], money),
        )
        _row(pdf, values)
    pdf.ln(3)


def _row(pdf: FPDF, values: tuple[str, ...]) -> None:
    """One line of the table: its description wrapped within its column, the other cells as tall as it is."""
    height = 5
    wrapped = pdf.multi_cell(WIDTHS[0], height, values[0], dry_run=True, output="LINES") or [""]
    x, y = pdf.get_x(), pdf.get_y()
    pdf.rect(x, y, WIDTHS[0], height * len(wrapped))
    for number, text in enumerate(wrapped):  # cell by cell, so the Latin cut's check sees every character
        pdf.set_xy(x, y + number * height)
        pdf.cell(WIDTHS[0], height, text)
    pdf.set_xy(x + WIDTHS[0], y)
    for width, value in zip(WIDTHS[1:], values[1:], strict=True):
        pdf.cell(width, height * len(wrapped), value, border=1)
    pdf.ln()


def _totals(pdf: FPDF, document: Invoice) -> None:
    at = gettext("{tax} at {rate}")
    rows = [(gettext("Taxable value"), document.taxable, "")]
    rows += [
        (at.format(tax=head["name"], rate=_rate(head["rate"])), head["amount"], "")
        for head in document.tax.get("parts", [])
    ]
    total = gettext("Total credited") if document.kind == CREDIT_NOTE else gettext("Total")
    rows.append((total, document.total, "B"))
    for label, amount, style in rows:
        pdf.set_font(FONT, style, 9)
        pdf.cell(150, 6, label, align="R")
        pdf.cell(40, 6, format_money(amount, document.currency), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    words = amount_in_words(document.total, document.currency)
    pdf.cell(0, 6, gettext("Amount in words: {words}").format(words=words), new_x="LMARGIN", new_y="NEXT")
    if not document.tax.get("name"):
        pdf.set_font(FONT, "", 8)
        pdf.cell(0, 6, gettext("No tax is charged on this supply."), new_x="LMARGIN", new_y="NEXT")
    if document.tax.get("reverse_charge"):  # Art. 226(11a): the words, and who owes the VAT
        pdf.set_font(FONT, "", 8)
        pdf.cell(0, 6, gettext(REVERSE_CHARGE), new_x="LMARGIN", new_y="NEXT")
    _signed(pdf, document)


def _signed(pdf: FPDF, document: Invoice) -> None:
    """The seller's name, and (studios keep no signature here) the words that none is needed."""
    pdf.ln(8)
    pdf.set_font(FONT, "", 9)
    pdf.cell(
        0, 5, gettext("For {seller}").format(seller=document.seller["name"]), align="R", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font(FONT, "", 8)
    if document.kind == CREDIT_NOTE:
        unsigned = gettext("This is a computer-generated credit note: no signature is required.")
    else:
        unsigned = gettext("This is a computer-generated invoice: no signature is required.")
    pdf.cell(0, 5, unsigned, align="R", new_x="LMARGIN", new_y="NEXT")


@cache
def latin_characters() -> frozenset[int]:
    """The characters the Latin cut draws (both of its fonts draw the same)."""
    with TTFont(LATIN / "DejaVuSans.ttf", lazy=True) as font:
        return frozenset(font.getBestCmap())


class BeyondLatin(Exception):
    """A document drawn in the Latin cut has a character the cut lacks: it is drawn again in the whole fonts."""


class InvoicePDF(FPDF):
    """fpdf2 with India's scripts as fallback fonts, and a work-around: fpdf2 2.8.9 sets the font of a line that
    starts in a fallback font inside its text object, yet counts it as the page's, so the next line would be drawn
    in the font before it (garbled); choosing the font again after such a line puts it on the page."""

    indic = False  # whether the fallback fonts were added
    timezone = "UTC"  # the studio's, whose days the document's dates are
    latin = False  # whether it is drawn in the Latin cut: every cell's text is checked, as it is drawn

    def cell(self, w=None, h=None, text="", *args, **kwargs):
        """A cell as FPDF draws it, its line's font put back on the page after text that starts in a script."""
        if self.latin and not latin_characters().issuperset(map(ord, text)):
            raise BeyondLatin
        drawn = super().cell(w, h, text, *args, **kwargs)
        if self.indic and text and ord(text[0]) in INDIC:
            family, style, size = self.font_family, self.font_style, self.font_size_pt
            self.set_font(SCRIPTS[0], "", size)
            self.set_font(family, style, size)
        return drawn


def _in_indic_script(document: Invoice) -> bool:
    """Whether any text the document prints has a character of one of India's scripts."""
    texts = [document.buyer_name, *_buyer_lines(document), *_seller_lines(document.seller), document.seller["name"]]
    texts += [line["description"] for line in document.lines]
    texts += [_title(document), gettext(HEADINGS[0])]  # its labels, in the language spoken (Hindi's Devanagari)
    return any(ord(char) in INDIC for text in texts if text for char in text)


def render(document: Invoice, credited: Invoice | None = None, paid_by: str | None = None, *, timezone="UTC") -> bytes:
    """The document's PDF (credited: the invoice a credit note is against; paid_by: how its payment was paid, in
    words; timezone: the studio's, whose days its dates are); dated by its issue, so stable."""
    indic = _in_indic_script(document)
    if not indic:
        try:
            return _drawn(document, credited, paid_by, LATIN, timezone, latin=True)
        except BeyondLatin:  # a name in Greek or Cyrillic, say: the whole fonts have it
            pass
    return _drawn(document, credited, paid_by, FONTS, timezone, indic=indic)


def _drawn(document: Invoice, credited, paid_by, fonts: Path, timezone: str, *, latin=False, indic=False) -> bytes:
    """The PDF drawn in DejaVu from the folder fonts (latin: refusing a character the cut lacks), with India's
    scripts as fallback fonts and shaped (indic)."""
    pdf = lettered_pdf(fonts, indic=indic)
    pdf.set_creation_date(document.issued_at)
    pdf.set_title(f"{_title(document)} {document.formatted_number}")
    pdf.set_author(document.seller["name"])
    pdf.latin, pdf.timezone = latin, timezone
    pdf.add_page()
    _header(pdf, document, credited, paid_by)
    _lines(pdf, document)
    _totals(pdf, document)
    return bytes(pdf.output())


def lettered_pdf(fonts: Path = FONTS, *, indic: bool) -> InvoicePDF:
    """An empty A4 PDF with DejaVu from the folder fonts as FONT, and India's scripts as fallback fonts, shaped
    (indic): the documents' lettering, which a signed form's copy uses too."""
    pdf = InvoicePDF(format="A4")
    pdf.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
    if indic:  # shaping orders and joins their letters; Latin-only documents skip its cost
        for script in SCRIPTS:
            pdf.add_font(script, "", str(FONTS / "noto" / f"NotoSans{script}-Regular.ttf"))
        pdf.set_fallback_fonts(SCRIPTS, exact_match=False)
        pdf.set_text_shaping(True)
        pdf.indic = True
    return pdf
