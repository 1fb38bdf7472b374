"""Handing a text over: to Twilio (SMS_PROVIDER=twilio), or to a folder of JSON files in development
(SMS_PROVIDER=file), read back by the development mailbox. Every failure is a TextError that says whether it is worth
trying again: Twilio's 429 and 5xx and a connection that failed are, other 4xx are not, 401/403 are our settings."""

import json
from pathlib import Path

from main_app.services.common import file_name, folder_ready, write_whole

from .errors import TextError


class FolderTextTransport:
    """Development without an SMS provider: each text becomes a .json file named by its outbox id, so a retry writes
    the same file again rather than a second one."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def describe(self) -> str:
        return f"files in {self.folder}"

    def send(self, to: str, body: str, *, outbox_id: str, sent_at: str) -> str:
        name = file_name(outbox_id, "text")
        path = self.folder / f"{name}.json"
        content = json.dumps({"id": name, "to": to, "body": body, "sent_at": sent_at}, ensure_ascii=False)
        try:
            write_whole(path, content.encode("utf-8"))
        except OSError as exc:
            raise TextError(f"could not write {name}.json: {exc}", transient=True) from None
        return f"written to {path}"

    def test_connection(self) -> bool:
        return folder_ready(self.folder)


def make_text_transport(config):
    """Twilio with SMS_PROVIDER=twilio, else the development folder."""
    if config["SMS_PROVIDER"] == "twilio":
        # Imported only where texts go through Twilio, as payments import stripe: the library is large.
        from .twilio_transport import TwilioTextTransport

        return TwilioTextTransport(
            config["TWILIO_ACCOUNT_SID"],
            config["TWILIO_AUTH_TOKEN"],
            config["TWILIO_FROM"],
            api_base=config["TWILIO_API_BASE"],
            timeout=config["SMS_TIMEOUT"],
            status_url=f"{config['PUBLIC_API_URL']}/sms/twilio/status",
        )
    return FolderTextTransport(Path(config["SMS_FOLDER"]))
