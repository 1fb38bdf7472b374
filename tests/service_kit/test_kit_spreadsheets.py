"""Spreadsheet-safe CSV cells: no cell starts a formula, and original_cell reads back exactly what was written (the
studio export neutralises its cells, and the studio import reads them back)."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service_kit.spreadsheets import original_cell, safe_cell

# Texts made of the characters that matter: formula starts, guards, separators, blanks and a letter.
TRICKY = st.text(alphabet="=+-@'\t\r\n,; a", max_size=12)
# A cell a spreadsheet would run: a formula start at the cell's start or after a separator (and blanks).
RUNS = re.compile(r"[,;\t\r\n]\s*[=+\-@]|^[=+\-@\t\r]")


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ('=HYPERLINK("http://x.example","Click")', '\'=HYPERLINK("http://x.example","Click")'),
        ("+91 98123 45678", "'+91 98123 45678"),
        ("@home", "'@home"),
        ("-5", "'-5"),
        ("'=already guarded", "''=already guarded"),
        ("a;=1", "a;'=1"),
        ("plain 'quote'", "plain 'quote'"),
        ("", ""),
    ],
)
def test_a_formula_start_gets_a_guard_and_comes_back(text, safe):
    assert safe_cell(text) == safe
    assert original_cell(safe) == text


@settings(max_examples=3000, deadline=None)
@given(TRICKY)
def test_every_text_reads_back_exactly_and_runs_nowhere(text):
    safe = safe_cell(text)
    assert original_cell(safe) == text
    assert not RUNS.search(safe), safe
