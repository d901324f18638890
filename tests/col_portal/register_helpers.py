"""The commitments register of the open-data and API tests: a public agreement space with
a commitment reported, confirmed and contested (one report's note and one verdict's note
hidden by a facilitator), an institution's own pledge, and what must never come out: a
members-only agreement space, an unpublished one, and their commitments.

Shared by tests/col_portal/open_data_helpers.py (the files) and the API tests, so that both
outputs are checked against the same register."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from members.models import Sector
from tests.factories import AgreementSpaceFactory, InstitutionFactory, MemberFactory, district
from tests.resources.library_helpers import make_document
from themes.models import Visibility
from workshops.models import (
    AgreementSpaceKind,
    Commitment,
    CommitmentMilestone,
    CommitmentSource,
    CommitmentStatus,
    CommitmentUpdate,
    CommitmentVerdict,
    Verdict,
)

# Words that must never come out of the open data or the API.
REGISTER_SECRETS = {
    "hidden_report_note": "Notaescondidaqollqe",
    "hidden_verdict_note": "Notaescondidachuqi",
    "members_space": "Mesareservadawank",
    "members_space_commitment": "Compromisoreservadowank",
    "draft_space": "Mesaborradortupa",
    "draft_space_commitment": "Compromisoborradortupa",
    "members_space_milestone": "Hitoreservadowank",
    "draft_space_milestone": "Hitoborradortupa",
}

CUI = "2345678"
SPACE_SLUG = "mesa-tecnica-ilo"


@dataclass
class Register:
    space: object
    commitment: object  # from the space: fulfilled, confirmed and contested
    pledge: object
    report: object  # the latest report on `commitment`
    hidden_report: object
    confirmation: object
    contest: object
    reporter_institution: object
    confirming_institution: object
    contesting_institution: object


def seed_register(*, responsible, confirming, contesting=None, reporter=None, theme=None):
    """The register around `responsible` (it leads the space's commitment and reports on
    it), `confirming` (of another sector: confirms and makes a pledge) and `contesting` (a
    third sector: contests, with a note a facilitator hid). Dates are fixed."""
    assert responsible.sector != confirming.sector
    contesting = contesting or InstitutionFactory(
        name="Colegio de Ingenieros de Moquegua", sector=Sector.ACADEMIA
    )
    reporter = reporter or MemberFactory(institution=responsible)
    space = AgreementSpaceFactory(
        name="Mesa técnica de Ilo",
        slug=SPACE_SLUG,
        kind=AgreementSpaceKind.TECHNICAL_TABLE,
        convener=confirming,
        started_on=dt.date(2025, 3, 10),
        place="Ilo",
    )
    minutes = make_document("acta-mesa-tecnica-ilo.pdf")
    space.minutes.set([minutes])
    commitment = Commitment.objects.create(
        source=CommitmentSource.AGREEMENT_SPACE,
        workshop=None,
        agreement_space=space,
        description="Construir la planta de tratamiento de agua de Pacocha",
        responsible_institution=responsible,
        due_date=dt.date(2025, 12, 31),
        status=CommitmentStatus.FULFILLED,
        progress=100,
        completed_on=dt.date(2025, 11, 20),
        last_change_at=timezone.make_aware(dt.datetime(2025, 11, 20, 10, 0)),
    )
    commitment.supporting_institutions.set([confirming])
    CommitmentMilestone.objects.create(
        commitment=commitment,
        title="Expediente técnico aprobado",
        planned_on=dt.date(2025, 5, 1),
        reached_on=dt.date(2025, 4, 28),
    )
    CommitmentMilestone.objects.create(
        commitment=commitment,
        title="Planta en funcionamiento",
        planned_on=dt.date(2025, 11, 30),
        sort_order=1,
    )
    commitment.districts.set([district("pacocha"), district("ilo-distrito")])
    if theme is not None:
        commitment.themes.set([theme])
    pledge = Commitment.objects.create(
        source=CommitmentSource.PLEDGE,
        workshop=None,
        description="Publicar cada trimestre el avance de las obras por impuestos",
        responsible_institution=confirming,
        agreed_on=dt.date(2025, 4, 1),
        due_date=dt.date(2025, 6, 30),
        status=CommitmentStatus.PENDING,
    )
    pledge.districts.set([district("torata")])

    def at(day):
        return timezone.make_aware(dt.datetime(2025, 11, day, 10, 0))

    hidden_report = CommitmentUpdate.objects.create(
        commitment=commitment,
        institution=responsible,
        author=reporter,
        previous_status=CommitmentStatus.PENDING,
        status=CommitmentStatus.IN_PROGRESS,
        previous_progress=0,
        progress=60,
        note=f"Avance {REGISTER_SECRETS['hidden_report_note']}",
        created_at=at(2),
        hidden_at=at(3),
        hidden_reason="Ofensivo",
    )
    report = CommitmentUpdate.objects.create(
        commitment=commitment,
        institution=responsible,
        author=reporter,
        previous_status=CommitmentStatus.IN_PROGRESS,
        status=CommitmentStatus.FULFILLED,
        previous_progress=60,
        progress=100,
        note="La planta funciona desde noviembre.",
        url="https://www.ilo.gob.pe/obras/planta-pacocha",
        cui=CUI,
        document=minutes,
        created_at=at(20),
    )
    confirmation = CommitmentVerdict.objects.create(
        update=report,
        institution=confirming,
        author=MemberFactory(institution=confirming),
        verdict=Verdict.CONFIRM,
        note="Visitamos la planta en funcionamiento.",
        created_at=at(22),
    )
    contest = CommitmentVerdict.objects.create(
        update=report,
        institution=contesting,
        # No member of it is left in the portal: the data still names the institution.
        author=None,
        verdict=Verdict.CONTEST,
        note=f"No hay agua {REGISTER_SECRETS['hidden_verdict_note']}",
        created_at=at(24),
        hidden_at=at(25),
        hidden_reason="Ofensivo",
    )
    for kind, extra in (
        ("members_space", {"visibility": Visibility.MEMBERS}),
        ("draft_space", {"published": False}),
    ):
        hidden_space = AgreementSpaceFactory(
            name=f"Mesa {REGISTER_SECRETS[kind]}", convener=confirming, **extra
        )
        hidden_commitment = Commitment.objects.create(
            source=CommitmentSource.AGREEMENT_SPACE,
            workshop=None,
            agreement_space=hidden_space,
            description=f"Compromiso {REGISTER_SECRETS[f'{kind}_commitment']}",
            responsible_institution=responsible,
            due_date=dt.date(2026, 6, 30),
        )
        CommitmentMilestone.objects.create(
            commitment=hidden_commitment,
            title=f"Hito {REGISTER_SECRETS[f'{kind}_milestone']}",
            planned_on=dt.date(2026, 3, 1),
        )
    return Register(
        space=space,
        commitment=commitment,
        pledge=pledge,
        report=report,
        hidden_report=hidden_report,
        confirmation=confirmation,
        contest=contest,
        reporter_institution=responsible,
        confirming_institution=confirming,
        contesting_institution=contesting,
    )


def add_register_rows(responsible, confirming, number: int):
    """One more agreement space with a commitment (themes, districts, a supporter), a
    report and a verdict: to show that reading them costs the same with more rows."""
    space = AgreementSpaceFactory(name=f"Mesa adicional {number}", convener=confirming)
    commitment = Commitment.objects.create(
        source=CommitmentSource.AGREEMENT_SPACE,
        workshop=None,
        agreement_space=space,
        description=f"Compromiso de la mesa adicional {number}",
        responsible_institution=responsible,
        due_date=dt.date(2026, 6, 30),
        last_change_at=timezone.now(),
    )
    commitment.districts.set([district("pacocha")])
    commitment.supporting_institutions.set([confirming])
    space.minutes.set([make_document(f"acta-adicional-{number}.pdf")])
    report = CommitmentUpdate.objects.create(
        commitment=commitment,
        institution=responsible,
        previous_status=CommitmentStatus.PENDING,
        status=CommitmentStatus.IN_PROGRESS,
        progress=20,
        document=space.minutes.first(),
    )
    CommitmentVerdict.objects.create(
        update=report,
        institution=InstitutionFactory(sector=Sector.ACADEMIA),
        verdict=Verdict.CONFIRM,
    )
