"""A little content for the portal on the private PostgreSQL cluster (run as a script).

    DATABASE_URL=... python -m tests.faults.seed_private

Prints a JSON object: the workshop's and the lesson's slugs and a logged-in member's
session key (signed with the SECRET_KEY of the environment, as the portal will read it).
"""

import json
import os


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "col_portal.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    # Accounts made here never log in with a password: hash it cheaply.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    from tests.factories import ContributionFactory, MemberFactory
    from tests.factories.workshops import WorkshopFactory

    member = MemberFactory()
    workshop = WorkshopFactory()
    lesson = ContributionFactory(author=member)
    client = Client()
    client.force_login(member)
    print(
        json.dumps(
            {
                "workshop": workshop.slug,
                "lesson": lesson.slug,
                "session": client.cookies["sessionid"].value,
            }
        )
    )


if __name__ == "__main__":
    main()
