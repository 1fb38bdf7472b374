"""The templates as Meta's template-creation requests (POST /{whatsapp-business-account-id}/message_templates): one
per template and language, its body in that language with an example for each parameter, its button's address under
the web app's."""

from main_app.services.languages import SUPPORTED, gettext, speaking

from .compose import body
from .templates import LANGUAGE_CODES, LINKS, PARAMETERS, TEMPLATES


def submissions(web_url: str) -> list[dict]:
    """Every template in every language the install speaks, as the requests that submit them for approval."""
    return [submission(name, language, web_url) for name in TEMPLATES for language in SUPPORTED]


def submission(name: str, language: str, web_url: str) -> dict:
    """One template in one language as the request that submits it."""
    template = TEMPLATES[name]
    examples = [PARAMETERS[field][1] for field in template["parameters"]]
    components = [{"type": "BODY", "text": body(name, language), "example": {"body_text": [examples]}}]
    if button := template.get("button"):
        components.append({"type": "BUTTONS", "buttons": [_button(*button, language, web_url.rstrip("/"))]})
    return {
        "name": name,
        "language": LANGUAGE_CODES[language],
        "category": template["category"],
        "parameter_format": "POSITIONAL",
        "components": components,
    }


def _button(text: str, link: str, language: str, web_url: str) -> dict:
    """A URL button: a path of the web app as it is, or a link of the person's own as web_url/{{1}}."""
    with speaking(language):
        text = gettext(text)
    if link in LINKS:
        return {"type": "URL", "text": text, "url": f"{web_url}/{{{{1}}}}", "example": [f"{web_url}/{LINKS[link][1]}"]}
    return {"type": "URL", "text": text, "url": f"{web_url}{link}"}
