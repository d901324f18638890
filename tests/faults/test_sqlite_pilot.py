"""A pilot on the embedded default: ten colleagues at once on a file SQLite database, served
by a multi-process, multi-threaded gunicorn, reading and writing (logging in, comments,
registering for and cancelling a workshop, saving and sending lessons). Nobody gets an
error page, the server never logs "database is locked", and everything they did is stored.

The database is the test's own (migrated, with the people, a lesson and a workshop), copied
to a file with SQLite's backup API; the portal serves that file; at the end the file is
copied back, so that the assertions read what the portal stored through the ORM."""

import re
import sqlite3
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse

from members.models import User
from tests.deploy.conftest import Browser, log_in
from tests.factories import ContributionFactory, MemberFactory, WorkshopFactory
from tests.factories.members import DEFAULT_PASSWORD
from tests.themes.authoring_helpers import form_data
from themes.models import Comment, Contribution
from workshops.models import Registration, RegistrationStatus

PEOPLE = 10
ROUNDS = 3  # per person: 3 comments (the limit is 10 in 10 minutes), 3 saves of a lesson
SEATS = 4
CREATE = reverse("themes:contribution_create")
EDIT_PAGE = re.compile(r"/mis-contribuciones/\d+/editar/")
MY_LESSONS = reverse("themes:my_contributions")
DASHBOARD = reverse("members:dashboard")

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="the embedded default's test: it copies the SQLite test database to a file",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def save_test_database(path: Path) -> None:
    """The test database (migrated, with what the test made) as the file the portal serves."""
    connection.ensure_connection()
    with sqlite3.connect(path) as file:
        connection.connection.backup(file)


def load_test_database(path: Path) -> None:
    """What the portal stored in the file, back in the test database, for the ORM to read."""
    with sqlite3.connect(path) as file:
        file.backup(connection.connection)


def test_ten_colleagues_write_at_once_on_sqlite_without_database_is_locked(start_portal, tmp_path):
    lesson = ContributionFactory(title="Mesa de diálogo por el agua en Torata")
    workshop = WorkshopFactory(capacity=SEATS)
    people = MemberFactory.create_batch(PEOPLE)
    # The portal checks passwords with the production hasher (the tests use a fast one):
    # the same hash for everyone, made once.
    hasher = PBKDF2PasswordHasher()
    User.objects.filter(pk__in=[person.pk for person in people]).update(
        password=hasher.encode(DEFAULT_PASSWORD, hasher.salt())
    )
    database = tmp_path / "pilot.sqlite3"
    save_test_database(database)
    portal = start_portal(workers=2, threads=5, DATABASE_URL=f"sqlite:///{database}")

    lesson_page = lesson.get_absolute_url()
    comment = reverse("themes:comment_create", args=[lesson.slug])
    register = reverse("workshops:register", args=[workshop.slug])
    cancel = reverse("workshops:cancel", args=[workshop.slug])
    registration_box = f"{workshop.get_absolute_url()}#inscripcion"
    answers = []  # (person, request, status, Location, seconds)
    problems = []  # the answers a person would not expect, and errors of the client
    start = threading.Barrier(PEOPLE)

    def colleague(n: int, person) -> None:
        browser = Browser()

        def send(method, path, data=None, *, expect=200, to: str | re.Pattern = ""):
            began = time.monotonic()
            response = browser.request(portal, method, path, data=data)
            location = response.headers.get("Location", "")
            answer = (n, f"{method} {path}", response.status_code, location)
            answers.append((*answer, time.monotonic() - began))
            went = to.fullmatch(location) if isinstance(to, re.Pattern) else location == to
            if response.status_code != expect or not went:
                problems.append(answer)
            return location

        try:
            start.wait(timeout=60)
            log_in(browser, portal, person)
            edit = None
            for round in range(ROUNDS):
                last = round == ROUNDS - 1
                send("GET", lesson_page)
                body = f"Comentario {round} de la persona {n}: ¿cómo acordaron los turnos?"
                send("POST", comment, {"body": body}, expect=302, to=f"{lesson_page}#comentarios")
                send("POST", register, expect=302, to=registration_box)
                if not last:
                    send("POST", cancel, expect=302, to=registration_box)
                draft = form_data(
                    lesson.primary_theme,
                    action="submit" if last else "save",
                    title=f"Turnos de riego en Ilo, versión {round} de la persona {n}",
                )
                if edit is None:
                    edit = send("POST", CREATE, draft, expect=302, to=EDIT_PAGE)
                else:
                    send("POST", edit, draft, expect=302, to=MY_LESSONS if last else edit)
                send("GET", DASHBOARD)
        except Exception as error:  # a refused log-in, a timeout: reported with the rest
            problems.append((n, "error", repr(error), ""))

    started = time.monotonic()
    threads = [
        threading.Thread(target=colleague, args=(n, person)) for n, person in enumerate(people)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)
    seconds = time.monotonic() - started
    assert not any(thread.is_alive() for thread in threads), "a colleague never finished"
    portal.stop()
    log = portal.log_path.read_text(errors="replace")
    slowest = max((answer[-1] for answer in answers), default=0)
    print(
        f"\n{len(answers)} requests of {PEOPLE} people in {seconds:.1f}s (slowest {slowest:.1f}s)"
    )

    errors = "\n".join(line for line in log.splitlines() if " ERROR " in line)
    assert [answer for answer in answers if answer[2] >= 500] == [], errors
    assert "database is locked" not in log
    assert problems == [], errors or log[-3000:]
    # After logging in, 5 requests per round and a cancel in all rounds but the last.
    assert len(answers) == PEOPLE * (5 * ROUNDS + ROUNDS - 1)

    load_test_database(database)
    # Every comment stored, once.
    bodies = Counter(Comment.objects.filter(contribution=lesson).values_list("body", flat=True))
    assert sum(bodies.values()) == PEOPLE * ROUNDS
    assert set(bodies.values()) == {1}
    # Everyone is registered in the end: the seats are full, never more, the rest wait.
    statuses = Counter(
        Registration.objects.filter(workshop=workshop).values_list("status", flat=True)
    )
    assert statuses == {
        RegistrationStatus.CONFIRMED: SEATS,
        RegistrationStatus.WAITLISTED: PEOPLE - SEATS,
    }
    # Each person's lesson: one, its last version saved and sent for review.
    lessons = Contribution.objects.filter(author__in=people)
    assert lessons.count() == PEOPLE
    for saved in lessons:
        n = people.index(saved.author)
        assert saved.get_latest_revision_as_object().title == (
            f"Turnos de riego en Ilo, versión {ROUNDS - 1} de la persona {n}"
        )
        assert saved.workflow_in_progress
