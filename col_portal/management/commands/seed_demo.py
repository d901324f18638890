"""`manage.py seed_demo`: demo accounts (and, as later work adds steps, demo content) for
trying the portal on a development machine.

It refuses to run when DEBUG is off unless --force: the demo accounts share one known
password. Running it again creates nothing new and resets the demo accounts (password,
name, institution, role), so the printed credentials always work.

Each step is a small function taking the DemoSeed context; later work appends its own
(lessons, workshops, resources) to STEPS. Demo content must say it is demo content where
it is shown.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from col_portal import seed_content
from members import roles
from members.models import Institution, User


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
    institution = Institution.objects.get(name=person.institution_name)
    user = User.objects.filter(email__iexact=person.email).first()
    created = user is None
    if created:
        user = User(email=person.email)
    user.full_name = person.full_name
    user.position = person.position
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
    for person in seed_content.DEMO_PEOPLE:
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
    reset = len(seed_content.DEMO_PEOPLE) - created
    seed.write(f"Demo people: {created} created, {reset} reset.")


# Later issues append their steps here (seed_lessons, seed_workshops, seed_resources, ...).
STEPS: list[Callable[[DemoSeed], None]] = [seed_people]


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
