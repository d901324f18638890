"""A small world for the commitments register: a commitment led by a mining company and
supported by a municipality, and members of four sectors."""

import io
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from members.models import Institution, Sector
from tests.factories import CommitmentFactory, InstitutionFactory, MemberFactory
from workshops.models import Commitment

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def png_upload(name="obra.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf_upload(name="acta.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@dataclass
class World:
    commitment: Commitment
    company: Institution
    municipality: Institution
    reporter: object  # member of the lead (mining company)
    supporter: object  # member of the supporting municipality
    colleague: object  # another member of the mining company
    other_company_member: object  # member of another mining company (same sector)
    civil: object  # member of a civil-society organisation
    academic: object  # member of a university


def make_world(**commitment_fields) -> World:
    company = InstitutionFactory(name="Minera Sur", sector=Sector.PRIVATE_MINING)
    municipality = InstitutionFactory(
        name="Municipalidad de Ilo", sector=Sector.GOVERNMENT_REGIONAL_LOCAL
    )
    commitment = CommitmentFactory(responsible_institution=company, **commitment_fields)
    commitment.supporting_institutions.add(municipality)
    return World(
        commitment=commitment,
        company=company,
        municipality=municipality,
        reporter=MemberFactory(institution=company, full_name="Ana Rojas"),
        supporter=MemberFactory(institution=municipality),
        colleague=MemberFactory(institution=company),
        other_company_member=MemberFactory(
            institution=InstitutionFactory(name="Minera Norte", sector=Sector.PRIVATE_MINING)
        ),
        civil=MemberFactory(
            institution=InstitutionFactory(
                name="Frente de Defensa del Agua", sector=Sector.CIVIL_SOCIETY
            ),
            full_name="Luis Quispe",
        ),
        academic=MemberFactory(
            institution=InstitutionFactory(
                name="Universidad Nacional de Moquegua", sector=Sector.ACADEMIA
            ),
            full_name="Carmen Flores",
        ),
    )
