"""Tax in whole minor units: the inclusive and exclusive splits, rounded half up once per document, GST's heads,
and the tax ids a studio may give."""

import pytest

from main_app.services.invoices import tax


@pytest.mark.parametrize(
    ("gross", "rate", "inclusive", "expected"),
    [
        (118_000, 1800, True, (100_000, 18_000)),
        (1000, 1800, True, (847, 153)),  # 847.457…: the taxable value rounds down, the tax is what is left
        (1001, 1800, True, (848, 153)),  # 848.305…
        (105, 500, True, (100, 5)),
        (1180, 1800, False, (1000, 180)),  # exclusive: the net whose net + tax is the amount paid
        (1011, 1800, False, (857, 154)),  # 857 x 18 % = 154.26 → 154
        (1013, 1800, False, (858, 155)),  # no net gives 1013 (857 → 1011, 858 → 1012, 859 → 1014): split inclusive
        (12_000, 2000, False, (10_000, 2_000)),
        (999, 0, True, (999, 0)),
    ],
)
def test_the_split_rounds_half_up_once_per_document(gross, rate, inclusive, expected):
    taxable, tax_amount = tax.split(gross, rate, inclusive)
    assert (taxable, tax_amount) == expected and taxable + tax_amount == gross


def test_half_up_rounds_halves_up():
    assert [tax.half_up(n, 2) for n in (1, 3, 5)] == [1, 2, 3]
    assert tax.tax_on(250, 1800) == 45 and tax.tax_on(25, 1800) == 5  # 4.5 → 5


def test_gst_is_cgst_and_sgst_within_a_state_and_igst_between_states():
    assert tax.gst_parts(153, 1800, False) == [
        {"name": "CGST", "rate": 900, "amount": 77},
        {"name": "SGST", "rate": 900, "amount": 76},
    ]
    assert tax.gst_parts(153, 1800, True) == [{"name": "IGST", "rate": 1800, "amount": 153}]
    assert tax.parts("VAT", 200, 2000, False) == [{"name": "VAT", "rate": 2000, "amount": 200}]
    assert tax.parts(None, 0, 0, False) == []


def test_gstins_are_checked_by_shape_and_check_digit():
    assert tax.valid_gstin("29AAGCB7383J1Z4") and tax.valid_gstin("27AAPFU0939F1ZV")
    assert not tax.valid_gstin("29AAGCB7383J1Z5")  # one check digit off
    assert not tax.valid_gstin("29AAGCB7383J1Y4") and not tax.valid_gstin("29AAGC")
    assert tax.gstin_check_digit("27AAPFU0939F1Z") == "V"


def test_eu_vat_numbers_are_checked_by_their_country_shape():
    for good in ("DE123456789", "FR12345678901", "NL123456789B01", "ATU12345678", "IE1234567T"):
        assert tax.valid_eu_vat(good), good
    for bad in ("DE12345678", "XX123456789", "NL123456789", "de123456789"):
        assert not tax.valid_eu_vat(bad), bad
