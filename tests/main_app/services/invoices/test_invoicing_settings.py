"""A studio's tax settings: defaults until set, the whole set replaced with an audit entry, and bad input refused
with the field named."""

import pytest
from invoice_checks import GST_SETTINGS, book_and_pay

pytestmark = pytest.mark.both_databases

DEFAULTS = {
    "legal_name": None, "address_lines": [], "city": None, "postcode": None, "state": None, "state_code": None,
    "country": None, "tax_id": None, "tax_name": None, "tax_rate": 0, "prices_include_tax": True,
    "service_code": None, "invoice_prefix": "INV-", "credit_note_prefix": "CN-",
    "financial_year_series": False, "tax_rates": [],
}  # fmt: skip


def test_settings_start_at_their_defaults_and_are_replaced_whole_with_an_audit_entry(shop):
    assert shop.owner.get(f"{shop.base}/invoicing").get_json() == DEFAULTS
    saved = shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS)
    assert saved.status_code == 200 and saved.get_json() == DEFAULTS | GST_SETTINGS
    again = shop.owner.put(f"{shop.base}/invoicing", json={"legal_name": "Lotus LLP"})
    assert again.get_json() == DEFAULTS | {"legal_name": "Lotus LLP"}  # a PUT is the whole set
    [entry, first] = shop.owner.get(f"{shop.base}/audit?kind=studio.invoicing_changed").get_json()["items"]
    assert first["after"]["tax_id"] == GST_SETTINGS["tax_id"] and first["before"]["tax_id"] is None
    assert entry["after"] == {key: DEFAULTS[key] for key in entry["after"] if key != "legal_name"} | {
        "legal_name": "Lotus LLP"
    }


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"tax_id": "29AAGCB7383J1Z5"}, "tax_id"),  # the check digit is off by one
        ({"tax_id": "27AAPFU0939F1ZV"}, "tax_id"),  # a valid GSTIN of Maharashtra, for a studio in Karnataka
        ({"tax_name": "VAT", "tax_id": "29AAGCB7383J1Z4", "state_code": None}, "tax_id"),
        ({"state_code": "28"}, "state_code"),  # no state has 28 since 2014's Andhra Pradesh Reorganisation
        ({"tax_rate": 10_001}, "tax_rate"),
        ({"tax_rate": "18%"}, "tax_rate"),
        ({"tax_name": "Sales tax"}, "tax_name"),
        ({"tax_name": None}, "tax_name"),  # a rate with no tax named
        ({"invoice_prefix": "INVOICE-2026-"}, "invoice_prefix"),  # over 10: the number would pass 16 characters
        ({"invoice_prefix": "LOTUS/INV-"}, "invoice_prefix"),  # 10: its millionth number would print 17 characters
        ({"invoice_prefix": "SR/", "credit_note_prefix": "SR/"}, "credit_note_prefix"),  # both SR/000001
        ({"credit_note_prefix": "inv-"}, "credit_note_prefix"),  # INV-000001 and inv-000001: one number to a reader
        ({"service_code": "SAC"}, "service_code"),
        ({"service_code": None}, "service_code"),  # a GST studio names its SAC, as rule 46(g) asks
        ({"country": "India"}, "country"),
        ({"address_lines": ["1", "2", "3", "4", "5"]}, "address_lines"),
        ({"gstin": "29AAGCB7383J1Z4"}, "gstin"),  # unknown fields are refused by name
    ],
)
def test_bad_settings_are_refused_with_the_field_named(shop, change, field):
    answer = shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS | change)
    assert answer.status_code in (400, 422), answer.get_json()
    error = answer.get_json()["error"]
    assert error["code"] == "validation_error" and field in str(error["details"]), error
    assert shop.owner.get(f"{shop.base}/invoicing").get_json() == DEFAULTS  # nothing saved


def test_a_body_that_is_not_json_is_a_json_error(shop):
    answer = shop.owner.put(f"{shop.base}/invoicing", data="{", headers={"Content-Type": "application/json"})
    assert answer.status_code == 400 and answer.get_json()["error"]["code"]


def test_bad_filters_and_another_studios_documents(client, user_client, shop, make_user, client_for):
    book_and_pay(client, user_client, shop.session.id)
    for query in ("kind=receipt", "from=yesterday", "page=0", "per_page=1000"):
        answer = shop.owner.get(f"{shop.base}/invoices?{query}")
        assert answer.status_code in (400, 422) and answer.get_json()["error"]["code"] == "validation_error", query
    stranger = client_for(make_user(role="facilitator", name="Other Studio Owner"))
    assert stranger.get(f"{shop.base}/invoices").status_code == 404
    assert stranger.get(f"{shop.base}/invoices.zip").status_code == 404
    listed = shop.owner.get(f"{shop.base}/invoices?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z").get_json()
    assert listed["items"] == [] and listed["total"] == 0


def test_a_zip_of_too_many_documents_is_refused(client, user_client, shop, monkeypatch):
    book_and_pay(client, user_client, shop.session.id)
    monkeypatch.setattr("main_app.services.invoices.reads.ZIP_LIMIT", 0)
    answer = shop.owner.get(f"{shop.base}/invoices.zip")
    assert answer.status_code == 400 and answer.get_json()["error"]["code"] == "invoices_too_many"


@pytest.mark.parametrize(("country", "inclusive"), [("IN", False), ("DE", True)])
def test_settings_never_set_start_from_the_studio_s_country(shop, country, inclusive):
    """An Indian studio's form starts at IN with GST added to its prices (as its pages show "+ 18% GST"); a European
    one's at prices that include VAT, as prices to consumers must there."""
    assert shop.owner.patch(shop.base, json={"country": country}).status_code == 200
    shown = shop.owner.get(f"{shop.base}/invoicing").get_json()
    assert shown == DEFAULTS | {"country": country, "prices_include_tax": inclusive}
