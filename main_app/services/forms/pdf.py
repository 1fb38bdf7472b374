"""A signed form's copy as a PDF: the version's words and hash, the answers, the typed name and the drawn signature,
lettered as the invoices are (DejaVu, and Noto Sans for a form in Hindi or Marathi)."""

import io

from main_app.services.invoices import PDF_FONT, lettered_pdf

from ...extensions import db
from ...models import FormSignature, FormVersion, Studio
from ..languages import gettext

WIDTH = 180  # mm inside A4's margins
INDIC = range(0x0900, 0x0D80)  # India's scripts' Unicode blocks, Devanagari to Malayalam: drawn in Noto Sans


def _answer(value) -> str:
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    return str(value)


def _texts(version: FormVersion, signature: FormSignature, studio: Studio) -> list[str]:
    answers = [_answer(v) for v in signature.answers.values()]
    labels = [q["label"] for q in version.questions]
    return [version.title, version.body, signature.full_name, studio.name, gettext("Signed by"), *labels, *answers]


def _line(pdf, label: str, value: str) -> None:
    pdf.set_font(PDF_FONT, "B", 9)
    pdf.cell(45, 6, label)
    pdf.set_font(PDF_FONT, "", 9)
    pdf.multi_cell(WIDTH - 45, 6, value, new_x="LMARGIN", new_y="NEXT")


def _answers(pdf, version: FormVersion, signature: FormSignature) -> None:
    for question in version.questions:
        if question["id"] in signature.answers:
            pdf.set_font(PDF_FONT, "B", 9)
            pdf.multi_cell(WIDTH, 6, question["label"], new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(PDF_FONT, "", 9)
            pdf.multi_cell(WIDTH, 6, _answer(signature.answers[question["id"]]), new_x="LMARGIN", new_y="NEXT")


def render(signature: FormSignature) -> bytes:
    """The signed copy's PDF, dated by the signature, so the same bytes each time."""
    version = db.session.get(FormVersion, signature.version_id)
    studio = db.session.get(Studio, signature.studio_id)
    pdf = lettered_pdf(indic=any(ord(c) in INDIC for text in _texts(version, signature, studio) for c in text))
    pdf.set_creation_date(signature.signed_at)
    pdf.set_title(version.title)
    pdf.set_author(studio.name)
    pdf.add_page()
    pdf.set_font(PDF_FONT, "B", 14)
    pdf.multi_cell(WIDTH, 8, version.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(PDF_FONT, "", 10)
    pdf.multi_cell(WIDTH, 5, version.body, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    _answers(pdf, version, signature)
    pdf.ln(4)
    _line(pdf, gettext("Studio"), studio.name)
    _line(pdf, gettext("Version"), f"{version.number} (SHA-256 {signature.version_sha256})")
    _line(pdf, gettext("Signed by"), signature.full_name)
    _line(pdf, gettext("Signed at"), signature.signed_at.strftime("%Y-%m-%d %H:%M UTC"))
    pdf.image(io.BytesIO(signature.signature_png), w=60)
    return bytes(pdf.output())
