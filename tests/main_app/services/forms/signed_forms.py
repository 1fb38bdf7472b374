"""The bodies of the forms tests: a health questionnaire, drawn signatures, a signing."""

import base64
import io

from PIL import Image

HEALTH = {
    "kind": "health",
    "title": "PAR-Q",
    "body": "Answer each question honestly before your first class.",
    "questions": [
        {"label": "Has a doctor said you have a heart condition?", "kind": "yes_no"},
        {"label": "Anything else we should know?", "kind": "text", "required": False},
    ],
    "required_before_first_booking": True,
}


def drawn(width: int = 120, height: int = 40) -> str:
    """A drawn signature as the browser sends it: a PNG data URL."""
    out = io.BytesIO()
    Image.new("LA", (width, height), (0, 0)).save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def signing(version_id: int, **changes) -> dict:
    """A body signing the health form's version."""
    answers = {"q1": False, "q2": "A knee, years ago."}
    return {"version_id": version_id, "full_name": "Asha Rao", "signature": drawn(), "answers": answers, **changes}
