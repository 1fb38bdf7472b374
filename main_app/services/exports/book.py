"""The studio's client book in its export: what the CRM holds (its clients with their marketing consent, the staff's
notes, the tags), read a page at a time through the CRM's service route, like the main API's other reads of it."""

from collections.abc import Mapping

import requests

# The export's files of the book, each with the CRM's part it is read from.
BOOK_FILES = {"client_book": "clients", "client_notes": "notes", "client_tags": "tags"}
NO_BOOK = "client_book_unavailable"  # the CRM's 501: its JSON file store keeps notifications only
TRIES = 5  # a page the CRM does not give is asked again this many times, later each time, then the export fails


class BookUnavailable(Exception):
    """The CRM gave no usable answer for a page of the book."""


def book_page(config: Mapping, studio_id: int, file_name: str, after: int, limit: int) -> dict | None:
    """{columns, rows, next_after} of one file's next page; None when the CRM keeps no client book (a JSON store)."""
    url = f"{config['CRM_BASE_URL'].rstrip('/')}/api/service/studios/{studio_id}/book/{BOOK_FILES[file_name]}"
    headers = {"Authorization": f"Bearer {config['CRM_AUTH_TOKEN']}", "Accept": "application/json"}
    with requests.Session() as session:
        session.trust_env = False  # no proxy or ~/.netrc from the environment in front of the service token
        try:
            answer = session.get(
                url,
                params={"after": after, "limit": limit},
                headers=headers,
                timeout=config["CRM_TIMEOUT"],
                allow_redirects=False,
            )
            found = answer.json() if answer.status_code in (200, 501) else None
        except (requests.RequestException, ValueError):
            found = None
    if answer_is_no_book(found):
        return None
    if (
        not isinstance(found, dict)
        or not isinstance(found.get("columns"), list)
        or not isinstance(found.get("rows"), list)
    ):
        raise BookUnavailable(f"the CRM gave no usable page of {file_name}")
    return found


def answer_is_no_book(found) -> bool:
    """The CRM's 501: its store keeps notifications only, no client book."""
    return (
        isinstance(found, dict)
        and isinstance(found.get("error"), dict)
        and found["error"].get("code") == "client_book_unavailable"
    )
