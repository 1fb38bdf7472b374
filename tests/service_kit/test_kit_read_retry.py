"""A keyed write answered again reads the same body: what the first answer read of it, then the rest."""

import io

from service_kit.read_retry import RecordedInput, body_length


def test_the_second_answer_reads_the_whole_body_again():
    body = b'{"session_id": 7}\nmore'
    recorded = RecordedInput(io.BytesIO(body), len(body))
    assert recorded.readline() + recorded.read(3) == b'{"session_id": 7}\nmor'
    assert recorded.again().read() == body  # what was read, then the unread rest up to CONTENT_LENGTH


def test_a_missing_or_bad_content_length_reads_nothing_more():
    assert [body_length({}), body_length({"CONTENT_LENGTH": "12"}), body_length({"CONTENT_LENGTH": "-1"})] == [0, 12, 0]
    recorded = RecordedInput(io.BytesIO(b"unread"), 0)
    assert recorded.again().read() == b""
