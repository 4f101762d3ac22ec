"""``pos-app charge --sku CODE:WEIGHT``: a dot is the command line's decimal mark; a comma is
taken as one too, except where it is the country's thousands mark. ``--sku AZAF:1,250`` on a
Mexican or Peruvian till is 1250 g there, and was sold as 1.25 g (a thousandth) until
2026-12-02; it is refused with both readings, as the window's weight dialog refuses it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_app.cli.charge_lines import ChargeInputError, sku_line
from pos_app.domain.catalog import Product
from pos_app.domain.money import site_for
from pos_app.domain.pricing import SaleUnit
from pos_app.domain.scale_label import layouts_for

SAFFRON = Product(sku="AZAF", title="Azafrán", unit_price=Decimal("15.00"), sale_unit=SaleUnit.G)


def _line(spec: str, site_id: str):  # type: ignore[no-untyped-def]
    return sku_line(spec, site_for(site_id), {"AZAF": SAFFRON}.get, layouts_for("", site_id))


@pytest.mark.parametrize("site_id", ["MLM", "MPE"])
def test_a_comma_grouping_is_refused_where_it_is_the_thousands_mark(site_id: str) -> None:
    with pytest.raises(ChargeInputError, match=r"two ways.*1250.*1\.250"):
        _line("AZAF:1,250", site_id)
    assert _line("AZAF:1.250", site_id).measure == Decimal("1.250")  # the decimal mark
    assert _line("AZAF:1250", site_id).measure == Decimal(1250)
    assert _line("AZAF:0,350", site_id).measure == Decimal("0.350")  # a leading zero


@pytest.mark.parametrize("site_id", ["MLB", "MLA"])
def test_a_comma_is_the_decimal_mark_where_the_country_writes_it_so(site_id: str) -> None:
    assert _line("AZAF:1,250", site_id).measure == Decimal("1.250")
    assert _line("AZAF:1.250", site_id).measure == Decimal("1.250")  # the command line's mark


def test_a_product_by_the_gram_is_asked_for_grams() -> None:
    with pytest.raises(ChargeInputError, match=r"sold by g: give how much, e\.g\. --sku AZAF:350$"):
        _line("AZAF", "MLM")
