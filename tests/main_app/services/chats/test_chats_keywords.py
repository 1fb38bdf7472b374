"""The replies that stop and restart WhatsApp: the English keywords texts take, and what people type in Hindi and
Marathi (Devanagari and Latin letters), counted only when the reply is the keyword alone."""

import pytest

from main_app.services.accounts import phones
from main_app.services.chats import START, STOP, keyword
from main_app.services.chats.keywords import ENGLISH


def test_the_english_keywords_are_the_ones_texts_take():
    assert {word.upper() for word in ENGLISH[STOP]} == phones.STOP_WORDS
    assert {word.upper() for word in ENGLISH[START]} == phones.START_WORDS


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("STOP", (STOP, "en")),
        (" stop. ", (STOP, "en")),
        ("Stop 🙏", (STOP, "en")),
        ("UNSUBSCRIBE!", (STOP, "en")),
        ("रोकें", (STOP, "hi")),
        ("रोकें।", (STOP, "hi")),  # with the danda
        ("बंद करो", (STOP, "hi")),
        ("band  karo", (STOP, "hi")),
        ("थांबवा", (STOP, "mr")),
        ("बंद करा", (STOP, "mr")),
        ("बंद", (STOP, None)),  # Hindi and Marathi alike
        ("स्टॉप", (STOP, None)),
        ("START", (START, "en")),
        ("शुरू", (START, "hi")),
        ("शुरु करो", (START, "hi")),  # the common spelling with a short u
        ("सुरू", (START, "mr")),
        ("सुरु करा", (START, "mr")),
        ("चालू", (START, None)),
    ],
)
def test_a_keyword_alone_is_read_in_any_case_with_punctuation_and_emoji_around_it(typed, meant):
    assert keyword(typed) == meant


@pytest.mark.parametrize(
    "typed",
    ["stop sending the 7am reminder please", "कल आ रही हूँ", "बंद है क्या?", "thanks!", "", None, "stopp", "🙏"],
)
def test_a_message_that_is_more_or_other_than_a_keyword_is_for_the_studio(typed):
    assert keyword(typed) is None
