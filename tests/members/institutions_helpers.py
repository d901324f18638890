"""What the admin's institution form sends (the institutions admin and the upload tests)."""

from members.models import Sector


def institution_data(**overrides):
    data = {
        "name": "Asociación de Productores de Palta de Omate",
        "short_name": "APPO",
        "sector": Sector.PRIVATE_MINING,
        "description": "Productores de palta del valle de Omate, en General Sánchez Cerro.",
        "website": "https://appo.example.org",
        "date_joined": "2025-03-14",
    }
    data.update(overrides)
    return data
