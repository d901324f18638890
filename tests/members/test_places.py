"""The provinces and districts of Moquegua are data, loaded by a migration."""

import pytest

from members.models import District
from members.selectors import provinces_with_districts

pytestmark = pytest.mark.django_db


def test_the_region_has_three_provinces_and_twenty_one_districts(django_assert_num_queries):
    with django_assert_num_queries(2):
        provinces = [
            (p.name, [d.name for d in p.districts.all()]) for p in provinces_with_districts()
        ]
    assert [name for name, _districts in provinces] == [
        "Mariscal Nieto",
        "General Sánchez Cerro",
        "Ilo",
    ]
    assert [len(districts) for _name, districts in provinces] == [7, 11, 3]
    assert "San Antonio" in provinces[0][1]


def test_ubigeo_codes_follow_their_province():
    san_antonio = District.objects.get(slug="san-antonio")
    assert (san_antonio.ubigeo, san_antonio.province.ubigeo) == ("180107", "1801")
    assert "31216" in san_antonio.created_by
    for district in District.objects.select_related("province"):
        assert district.ubigeo.startswith(district.province.ubigeo)
        assert len(district.ubigeo) == 6
