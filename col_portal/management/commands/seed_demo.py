"""`manage.py seed_demo`: demo accounts (and, as later work adds steps, demo content) for
trying the portal on a development machine.

It refuses to run when DEBUG is off unless --force: the demo accounts share one known
password. Running it again creates nothing new and resets the demo accounts (password,
name, institution, role), so the printed credentials always work.

Each step is a small function taking the DemoSeed context; later work appends its own
(lessons, workshops, resources) to STEPS. Demo content must say it is demo content where
it is shown.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from col_portal import (
    demo_applications,
    demo_commitments,
    demo_rounds,
    demo_workshops,
    opendata,
    seed_content,
)
from members import roles
from members.models import Institution, Notification, User
from members.places import districts_by_slug
from resources import library_seed, page_seed
from themes import services
from themes.models import SECTION_NAMES, Comment, Contribution, Theme


@dataclass
class DemoAccount:
    email: str
    role: str
    institution: str
    full_name: str


@dataclass
class DemoSeed:
    """What the steps share: the password to give demo accounts, a way to report, the
    accounts created so far (printed at the end) and the demo users by e-mail."""

    password: str
    write: Callable[[str], None]
    accounts: list[DemoAccount] = field(default_factory=list)
    users: dict[str, User] = field(default_factory=dict)


def _demo_user(seed: DemoSeed, person: seed_content.DemoPersonSeed) -> tuple[User, bool]:
    institution = Institution.objects.get(name=person.institution)
    user = User.objects.filter(email__iexact=person.email).first()
    created = user is None
    if created:
        user = User(email=person.email)
    user.full_name = person.full_name
    user.position = person.position_with_note
    user.institution = institution
    user.is_active = True
    user.set_password(seed.password)
    user.save()
    roles.set_role(user, person.role)

    # allauth requires a verified address to log in (ACCOUNT_EMAIL_VERIFICATION mandatory).
    EmailAddress.objects.filter(user=user, primary=True).exclude(email__iexact=user.email).update(
        primary=False
    )
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user, created


def seed_people(seed: DemoSeed) -> None:
    """The demo facilitator and members, spread over several Core Group institutions."""
    created = 0
    people = seed_content.demo_people()
    for person in people:
        user, is_new = _demo_user(seed, person)
        created += is_new
        seed.users[user.email] = user
        seed.accounts.append(
            DemoAccount(
                email=user.email,
                role=person.role,
                institution=user.institution.display_name,
                full_name=user.full_name,
            )
        )
    reset = len(people) - created
    seed.write(f"Demo people: {created} created, {reset} reset.")


def _new_contribution(item: seed_content.DemoLesson, users, themes) -> Contribution:
    author = users[item.author]
    contribution = Contribution(
        slug=item.slug,
        kind=item.kind,
        title=item.title,
        summary=item.summary_with_mark(),
        primary_theme=themes[item.theme],
        **{name: getattr(item, name) for name in SECTION_NAMES},
        period_start=item.period_start,
        period_end=item.period_end,
        language=item.language,
        anti_corruption_focus=item.anti_corruption_focus,
        visibility=item.visibility,
        author=author,
        author_institution=author.institution,
        live=False,
    )
    contribution.secondary_themes = [themes[slug] for slug in item.secondary_themes]
    try:
        contribution.districts = districts_by_slug(item.districts, province=item.province)
    except ValueError as error:
        raise CommandError(f"demo_lessons.yaml > {item.slug}: {error}") from error
    contribution.coauthors = [users[email] for email in item.coauthors]
    contribution.tags.set(list(item.tags))
    contribution.full_clean()
    contribution.save()
    return contribution


def _publish(item: seed_content.DemoLesson, contribution: Contribution, users, facilitator):
    """Publish through Wagtail as the facilitator, dated in the past, with its comments."""
    revision = contribution.save_revision(user=users[item.author], log_action=True, clean=False)
    revision.publish(user=facilitator, log_action=True)
    now = timezone.now()
    published_at = now - timedelta(days=item.published_days_ago, hours=len(item.slug) % 9)
    Contribution.objects.filter(pk=contribution.pk).update(
        first_published_at=published_at, last_published_at=published_at
    )
    contribution.refresh_from_db()
    if item.featured:
        services.contribution_set_featured(
            user=facilitator, contribution=contribution, featured=True
        )
    for number, demo_comment in enumerate(item.comments):
        comment = services.comment_create(
            user=users[demo_comment.author], contribution=contribution, body=demo_comment.body
        )
        written = published_at + timedelta(days=demo_comment.days_after, hours=number)
        Comment.objects.filter(pk=comment.pk).update(created_at=min(written, now))


def _send_back(contribution: Contribution, facilitator, comment: str) -> None:
    """The facilitator's "request changes" in the moderation workflow, with a comment."""
    task_state = contribution.current_workflow_state.current_task_state.specific
    task_state.task.specific.on_action(task_state, facilitator, "reject", comment=comment)


def seed_lessons(seed: DemoSeed) -> None:
    """The demo contributions (col_portal/content/demo_lessons.yaml), in every moderation
    status.

    A contribution is found by its slug: one that exists is left as it is (a facilitator
    may have edited, moderated or archived it), one that is missing is created.
    Published ones go through Wagtail (revision, publish) and the comments through the
    services; the notifications this writes stay in the portal but are not e-mailed.
    """
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    users = seed.users
    facilitator = users[seed_content.FACILITATOR]
    lessons = seed_content.demo_lessons()
    last_notification = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
    existing = set(
        Contribution.objects.filter(slug__in=[item.slug for item in lessons]).values_list(
            "slug", flat=True
        )
    )
    created = Counter()
    for item in lessons:
        if item.slug in existing:
            continue
        contribution = _new_contribution(item, users, themes)
        if item.status == seed_content.PUBLISHED:
            _publish(item, contribution, users, facilitator)
        else:
            contribution.save_revision(user=users[item.author], log_action=True, clean=False)
            if item.status in (seed_content.IN_REVIEW, seed_content.SENT_BACK):
                services.contribution_submit(user=users[item.author], contribution=contribution)
            if item.status == seed_content.SENT_BACK:
                _send_back(
                    Contribution.objects.get(pk=contribution.pk), facilitator, item.review_comment
                )
        created[item.status] += 1

    # Seeded events are not news: the demo people find them in the portal, unmailed.
    Notification.objects.filter(pk__gt=last_notification, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    statuses = ", ".join(f"{count} {status}" for status, count in sorted(created.items()))
    seed.write(
        f"Demo contributions: {sum(created.values())} created"
        + (f" ({statuses})" if created else "")
        + f", {len(existing)} already there."
    )


# Later issues append their steps here (seed_workshops, seed_resources, ...).
STEPS: list[Callable[[DemoSeed], None]] = [
    seed_people,
    seed_lessons,
    demo_applications.seed_applications,
    page_seed.seed_demo_news,
    demo_workshops.seed_workshops,
    library_seed.seed_demo_resources,
    demo_commitments.seed_commitments,
    demo_rounds.seed_rounds,
]


class Command(BaseCommand):
    help = (
        "Create the demo accounts (and demo content) for trying the portal. Runs "
        "seed_core_group first. Refuses to run when DEBUG is off unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (the demo accounts share a known password).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a shared, published password and is meant "
                "for development: DEBUG is off, so it did nothing. Use --force if you really "
                "want demo accounts on this installation."
            )
        password = settings.DEMO_PASSWORD
        if not password:
            raise CommandError("DEMO_PASSWORD is empty: set it or leave it unset.")

        verbosity = options.get("verbosity", 1)
        call_command("seed_core_group", verbosity=verbosity, stdout=self.stdout)

        def write(line: str) -> None:
            if verbosity >= 1:
                self.stdout.write(line)

        seed = DemoSeed(password=password, write=write)
        with transaction.atomic():
            for step in STEPS:
                step(seed)
        # The "Datos abiertos" page has its files from the start (not only after the
        # worker's first rebuild).
        opendata.build()
        write("Open data written.")
        self._print_accounts(seed)

    def _print_accounts(self, seed: DemoSeed) -> None:
        width = max(len(account.email) for account in seed.accounts)
        role_width = max(len(account.role) for account in seed.accounts)
        lines = [
            "",
            "Demo accounts (development only)",
            "=" * 32,
            f"Password for all of them: {seed.password}",
            "",
        ]
        lines += [
            f"  {account.email.ljust(width)}  {account.role.ljust(role_width)}  "
            f"{account.institution}"
            for account in seed.accounts
        ]
        lines.append("")
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
