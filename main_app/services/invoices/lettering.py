"""The invoices' PDF lettering for other documents (a signed form's copy), fpdf2 loaded at the first PDF drawn."""

FONT = "DejaVu"  # pdf.FONT: the family lettered_pdf adds (pdf imports nothing of here, so no import cycle)


def lettered_pdf(*, indic: bool):
    """An empty A4 PDF in the invoices' fonts, with India's scripts shaped (indic): pdf.lettered_pdf, imported here
    at the first call, as loading the app leaves fpdf2 and fontTools alone."""
    from .pdf import lettered_pdf as made  # here, not above: fpdf2 costs 0.3 s of CPU on import

    return made(indic=indic)
