"""Themes the lessons tests file their lessons under (fixtures shared by the modules)."""

import pytest

from tests.factories import ThemeFactory


@pytest.fixture
def water():
    return ThemeFactory(
        order=3,
        slug="recursos-hidricos",
        name_es="Gestión integrada de recursos hídricos",
        name_en="Integrated water resources management",
    )


@pytest.fixture
def environment():
    return ThemeFactory(
        order=4, slug="gestion-ambiental", name_es="Gestión ambiental", name_en="Environment"
    )
