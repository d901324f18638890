"""What the seed commands write, read from the content files in col_portal/content/: the
Core Group, the themes, and the demo people, lessons and workshops. Each file explains its
fields at its top; here they are read and checked (members.content_files).
"""

import datetime
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from members.content_files import DEMO_MARK, Where, load, one_of, raw, unique, with_demo_mark
from members.models import Sector
from themes.models import ContributionKind, Visibility
from themes.prioritisation.models import RoundStatus
from workshops.models import (
    AgreementSpaceKind,
    CommitmentSource,
    CommitmentStatus,
    Modality,
    Verdict,
    WorkshopStatus,
)

CONTENT = Path(__file__).resolve().parent / "content"

# The demo facilitator (demo_people.yaml), who publishes and moderates the demo content.
FACILITATOR = "facilitator@example.org"
DEMO_ACCOUNT_NOTE = "cuenta de demostración"

# Where a demo contribution stands after seeding.
PUBLISHED = "published"
IN_REVIEW = "in_review"
SENT_BACK = "sent_back"
DRAFT = "draft"
STATUSES = {PUBLISHED, IN_REVIEW, SENT_BACK, DRAFT}


@dataclass(frozen=True)
class InstitutionSeed:
    name: str
    short_name: str
    sector: str = field(metadata=one_of(Sector))
    description: str
    website: str = ""


@dataclass(frozen=True)
class ThemeSeed:
    order: int
    slug: str
    name_es: str
    name_en: str
    short_description_es: str
    short_description_en: str
    color: str


@dataclass(frozen=True)
class DemoPersonSeed:
    email: str
    full_name: str
    role: str = field(metadata=one_of("role"))
    institution: str = field(metadata=one_of("institution"))
    position: str

    @property
    def position_with_note(self) -> str:
        return f"{self.position} ({DEMO_ACCOUNT_NOTE})"


@dataclass(frozen=True)
class DemoComment:
    author: str = field(metadata=one_of("person"))
    body: str
    days_after: int = 3  # days after the contribution was published


@dataclass(frozen=True)
class DemoLesson:
    slug: str
    title: str
    kind: str = field(metadata=one_of(ContributionKind))
    theme: str = field(metadata=one_of("theme"))
    author: str = field(metadata=one_of("person"))
    summary: str
    context: str = ""
    challenge: str = ""
    actions: str = ""
    results: str = ""
    lesson: str = ""
    recommendations: str = ""
    secondary_themes: tuple[str, ...] = field(default=(), metadata=one_of("theme"))
    coauthors: tuple[str, ...] = field(default=(), metadata=one_of("person"))
    tags: tuple[str, ...] = field(default=(), metadata=one_of("tag"))
    # Slugs of members.District, or of a members.Province for a lesson about all of it;
    # checked against the database when seeding (the places are loaded by a migration).
    districts: tuple[str, ...] = ()
    province: str = ""
    period_start: int | None = None
    period_end: int | None = None
    language: str = field(default="es", metadata=one_of("language"))
    anti_corruption_focus: bool = False
    visibility: str = field(default=Visibility.PUBLIC, metadata=one_of(Visibility))
    status: str = field(default=PUBLISHED, metadata=one_of("status"))
    featured: bool = False
    published_days_ago: int = 30
    review_comment: str = ""
    comments: tuple[DemoComment, ...] = ()

    def summary_with_mark(self) -> str:
        return with_demo_mark(self.summary, self.language)


@dataclass(frozen=True)
class DemoAgendaItem:
    time: str  # "HH:MM", Lima time
    title: str
    speaker: str = ""
    institution: str = field(default="", metadata=one_of("institution_or_none"))


@dataclass(frozen=True)
class DemoCommitment:
    description: str
    institution: str = field(metadata=one_of("institution"))
    due_in_days: int
    status: str = field(default=CommitmentStatus.PENDING, metadata=one_of(CommitmentStatus))
    completed_days_ago: int | None = None


@dataclass(frozen=True)
class DemoWorkshop:
    slug: str
    title: str
    description: str
    themes: tuple[str, ...] = field(metadata=one_of("theme"))
    modality: str = field(metadata=one_of(Modality))
    days_from_today: int
    start: str
    hours: float
    status: str = field(metadata=one_of(WorkshopStatus))
    capacity: int
    venue: str = ""
    address: str = ""
    city: str = ""
    districts: tuple[str, ...] = ()  # slugs of members.District
    online_path: str = ""
    visibility: str = field(default=Visibility.PUBLIC, metadata=one_of(Visibility))
    agenda: tuple[DemoAgendaItem, ...] = ()
    participants: tuple[str, ...] = field(default=(), metadata=one_of("person"))
    attended: tuple[str, ...] = field(default=(), metadata=one_of("person"))
    outcomes: str = ""
    commitments: tuple[DemoCommitment, ...] = ()
    lessons: tuple[str, ...] = field(default=(), metadata=one_of("lesson"))
    cancellation_reason: str = ""

    def description_with_mark(self) -> str:
        return f"{self.description}\n\n{DEMO_MARK}"

    def outcomes_with_mark(self) -> str:
        return f"{self.outcomes}\n\n{DEMO_MARK}" if self.outcomes else ""

    @property
    def is_past(self) -> bool:
        return self.days_from_today < 0


@dataclass(frozen=True)
class CoreGroupFile:
    institutions: tuple[InstitutionSeed, ...]


@dataclass(frozen=True)
class ThemesFile:
    themes: tuple[ThemeSeed, ...]


@dataclass(frozen=True)
class DemoPeopleFile:
    people: tuple[DemoPersonSeed, ...]


@dataclass(frozen=True)
class DemoLessonsFile:
    tags: tuple[str, ...]
    lessons: tuple[DemoLesson, ...]


@dataclass(frozen=True)
class DemoWorkshopsFile:
    meeting_link: str
    workshops: tuple[DemoWorkshop, ...]


def _check_time(value: str, where: Where) -> None:
    hour, _, minute = value.partition(":")
    if (
        not (len(value) == 5 and hour.isdigit() and minute.isdigit())
        or (int(hour), int(minute)) >= (24, 0)
        or int(minute) > 59
    ):
        raise where.error(f'{value!r} is not a time: write it as "HH:MM", in quotes')


@cache
def core_group() -> tuple[InstitutionSeed, ...]:
    path = CONTENT / "core_group.yaml"
    institutions = load(path, CoreGroupFile).institutions
    unique(institutions, "name", Where(path, ("institutions",)))
    return institutions


@cache
def themes() -> tuple[ThemeSeed, ...]:
    path = CONTENT / "themes.yaml"
    seeds = load(path, ThemesFile).themes
    unique(seeds, "slug", Where(path, ("themes",)))
    unique(seeds, "order", Where(path, ("themes",)))
    return seeds


@cache
def demo_people() -> tuple[DemoPersonSeed, ...]:
    path = CONTENT / "demo_people.yaml"
    refs = {
        "role": {"member", "facilitator"},
        "institution": {institution.name for institution in core_group()},
    }
    people = load(path, DemoPeopleFile, refs).people
    unique(people, "email", Where(path, ("people",)))
    if FACILITATOR not in {person.email for person in people}:
        raise Where(path, ("people",)).error(f"the demo facilitator {FACILITATOR} is missing")
    return people


def _refs() -> dict:
    institutions = {institution.name for institution in core_group()}
    return {
        "theme": {theme.slug for theme in themes()},
        "person": {person.email for person in demo_people()},
        "institution": institutions,
        "institution_or_none": institutions | {""},
        "language": {"es", "en"},
        "status": STATUSES,
    }


@cache
def demo_lessons_file() -> DemoLessonsFile:
    """The demo lessons and the tag vocabulary they draw on."""
    path = CONTENT / "demo_lessons.yaml"
    tags = raw(path).get("tags")
    refs = _refs() | {"tag": set(tags) if isinstance(tags, list) else set()}
    content = load(path, DemoLessonsFile, refs)
    where = Where(path, ("lessons",))
    unique(content.lessons, "slug", where)
    for number, lesson in enumerate(content.lessons, start=1):
        if lesson.status == SENT_BACK and not lesson.review_comment:
            raise where.at(f"entry {number} ({lesson.slug})", "review_comment").error(
                "status sent_back needs the facilitator's request for changes"
            )
    return content


def demo_lessons() -> tuple[DemoLesson, ...]:
    return demo_lessons_file().lessons


@cache
def demo_workshops_file() -> DemoWorkshopsFile:
    path = CONTENT / "demo_workshops.yaml"
    refs = _refs() | {"lesson": {lesson.slug for lesson in demo_lessons()}}
    content = load(path, DemoWorkshopsFile, refs)
    where = Where(path, ("workshops",))
    unique(content.workshops, "slug", where)
    for number, workshop in enumerate(content.workshops, start=1):
        entry = where.at(f"entry {number} ({workshop.slug})")
        _check_time(workshop.start, entry.at("start"))
        for item_number, item in enumerate(workshop.agenda, start=1):
            _check_time(item.time, entry.at("agenda", f"entry {item_number}", "time"))
    return content


def demo_workshops() -> tuple[DemoWorkshop, ...]:
    return demo_workshops_file().workshops


@dataclass(frozen=True)
class DemoVerdict:
    author: str = field(metadata=one_of("person"))
    verdict: str = field(metadata=one_of(Verdict))
    note: str = ""
    url: str = ""


@dataclass(frozen=True)
class DemoReport:
    days_ago: int
    author: str = field(metadata=one_of("person"))
    status: str = field(metadata=one_of(CommitmentStatus))
    progress: int
    note: str
    url: str = ""
    cui: str = ""
    document: str = ""  # slug of a demo library resource
    verdicts: tuple[DemoVerdict, ...] = ()


@dataclass(frozen=True)
class DemoMilestone:
    title: str
    planned_in_days: int
    reached_days_ago: int | None = None


@dataclass(frozen=True)
class DemoRegisterCommitment:
    """A commitment of the register with its history (demo_commitments.yaml)."""

    description: str
    source: str = field(metadata=one_of(CommitmentSource))
    institution: str = field(metadata=one_of("institution"))
    due_in_days: int
    workshop: str = field(default="", metadata=one_of("workshop_or_none"))
    agreement_space: str = ""
    supporting: tuple[str, ...] = field(default=(), metadata=one_of("institution"))
    agreed_days_ago: int | None = None
    themes: tuple[str, ...] = field(default=(), metadata=one_of("theme"))
    districts: tuple[str, ...] = ()  # slugs of members.District
    milestones: tuple[DemoMilestone, ...] = ()
    reports: tuple[DemoReport, ...] = ()

    def description_with_mark(self) -> str:
        return with_demo_mark(self.description, "es")


@dataclass(frozen=True)
class DemoAgreementSpace:
    slug: str
    name: str
    kind: str = field(metadata=one_of(AgreementSpaceKind))
    convener: str = field(metadata=one_of("institution"))
    description: str
    started_days_ago: int
    ended_days_ago: int | None = None
    place: str = ""
    minutes: tuple[str, ...] = ()  # slugs of demo library resources

    def description_with_mark(self) -> str:
        return f"{self.description}\n\n{DEMO_MARK}"


@dataclass(frozen=True)
class DemoCommitmentsFile:
    agreement_spaces: tuple[DemoAgreementSpace, ...]
    commitments: tuple[DemoRegisterCommitment, ...]


@cache
def demo_commitments_file() -> DemoCommitmentsFile:
    """The demo dialogue table and the commitments of the register, checked: a workshop is
    a demo workshop, an agreement space one of the file's, a commitment's source matches."""
    path = CONTENT / "demo_commitments.yaml"
    workshops = {workshop.slug for workshop in demo_workshops()}
    content = load(path, DemoCommitmentsFile, _refs() | {"workshop_or_none": workshops | {""}})
    unique(content.agreement_spaces, "slug", Where(path, ("agreement_spaces",)))
    unique(content.commitments, "description", Where(path, ("commitments",)))
    spaces = {space.slug for space in content.agreement_spaces}
    for number, item in enumerate(content.commitments, start=1):
        entry = Where(path, ("commitments", f"entry {number}"))
        if (item.source == CommitmentSource.WORKSHOP) != bool(item.workshop):
            raise entry.at("workshop").error("a workshop's commitment names its workshop")
        if item.source == CommitmentSource.AGREEMENT_SPACE:
            if item.agreement_space not in spaces:
                raise entry.at("agreement_space").error(
                    f"{item.agreement_space!r} is not one of: {', '.join(sorted(spaces))}"
                )
        elif item.agreement_space:
            raise entry.at("agreement_space").error("only for the source agreement_space")
    return content


# ---- Demo applications of lessons and lessons that build on lessons


@dataclass(frozen=True)
class DemoBuildsOn:
    lesson: str = field(metadata=one_of("published_lesson"))
    builds_on: tuple[str, ...] = field(metadata=one_of("published_lesson"))


@dataclass(frozen=True)
class DemoApplication:
    lesson: str = field(metadata=one_of("published_lesson"))
    reporter: str = field(metadata=one_of("member"))
    districts: tuple[str, ...]  # slugs of members.District, checked when seeding
    started_on: str
    adapted: str
    results: str
    ended_on: str = ""
    shortcomings: str = ""
    evidence_url: str = ""
    cui: str = ""
    published_days_ago: int = 10

    def results_with_mark(self) -> str:
        return with_demo_mark(self.results, "es")

    @property
    def start(self) -> datetime.date:
        return datetime.date.fromisoformat(self.started_on)

    @property
    def end(self) -> datetime.date | None:
        return datetime.date.fromisoformat(self.ended_on) if self.ended_on else None


@dataclass(frozen=True)
class DemoApplicationsFile:
    builds_on: tuple[DemoBuildsOn, ...]
    applications: tuple[DemoApplication, ...]


@cache
def demo_applications_file() -> DemoApplicationsFile:
    path = CONTENT / "demo_applications.yaml"
    refs = _refs() | {
        "published_lesson": {
            lesson.slug for lesson in demo_lessons() if lesson.status == PUBLISHED
        },
        "member": {person.email for person in demo_people() if person.role == "member"},
    }
    content = load(path, DemoApplicationsFile, refs)
    where = Where(path, ("applications",))
    for number, item in enumerate(content.applications, start=1):
        entry = where.at(f"entry {number} ({item.lesson})")
        for name in ("started_on", "ended_on"):
            value = getattr(item, name)
            try:
                value and datetime.date.fromisoformat(value)
            except ValueError:
                raise entry.at(name).error(
                    f'{value!r} is not a date: write it as "YYYY-MM-DD", in quotes'
                ) from None
        if item.end and item.end < item.start:
            raise entry.at("ended_on").error("the end is before the start")
        if not item.districts:
            raise entry.at("districts").error("name at least one district")
    return content


# ---- Prioritisation rounds (demo_rounds.yaml)


@dataclass(frozen=True)
class DemoSolution:
    title: str
    description: str
    who_acts: str
    proposer: str = field(metadata=one_of("person"))
    districts: tuple[str, ...] = ()  # slugs of members.District
    lessons: tuple[str, ...] = field(default=(), metadata=one_of("lesson"))


@dataclass(frozen=True)
class DemoBallot:
    institution: str = field(metadata=one_of("institution"))
    # One score per solution (in the order of `solutions`), given on every criterion.
    scores: tuple[int, ...]


@dataclass(frozen=True)
class DemoRound:
    slug: str
    title: str
    summary: str
    themes: tuple[str, ...] = field(metadata=one_of("theme"))
    implementation_gap: str
    contextual_factors: str
    complementary_measures: str
    opens_days_from_today: int
    closes_days_from_today: int
    status: str = field(metadata=one_of(RoundStatus))
    min_sectors: int
    criteria: tuple[str, ...]
    solutions: tuple[DemoSolution, ...]
    ballots: tuple[DemoBallot, ...] = ()

    def summary_with_mark(self) -> str:
        return with_demo_mark(self.summary, "es")


@dataclass(frozen=True)
class DemoRoundsFile:
    rounds: tuple[DemoRound, ...]


@cache
def demo_rounds() -> tuple[DemoRound, ...]:
    path = CONTENT / "demo_rounds.yaml"
    refs = _refs() | {"lesson": {lesson.slug for lesson in demo_lessons()}}
    rounds = load(path, DemoRoundsFile, refs).rounds
    where = Where(path, ("rounds",))
    unique(rounds, "slug", where)
    for number, round_ in enumerate(rounds, start=1):
        for ballot in round_.ballots:
            if len(ballot.scores) != len(round_.solutions) or not all(
                1 <= score <= 5 for score in ballot.scores
            ):
                raise where.at(f"entry {number} ({round_.slug})", "ballots").error(
                    f"{ballot.institution}: one score from 1 to 5 per solution"
                )
    return rounds
