"""The seed commands: Core Group, themes and home page; the demo accounts."""

from contextlib import contextmanager
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from col_portal import seed_content
from col_portal.models import HomePage
from members import roles
from members.models import Institution, Sector, User
from tests.factories import InstitutionFactory, ThemeFactory
from themes.models import Theme

pytestmark = pytest.mark.django_db

DEMO_EMAILS = {person.email for person in seed_content.demo_people()}


def run(command, *args, **options) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out, **options)
    return out.getvalue()


def home_page() -> HomePage:
    # The Spanish one: the seed also creates its English translation.
    return HomePage.objects.get(locale__language_code="es")


@contextmanager
def seeded_once(django_db_blocker, tmp_path_factory, command: str):
    """Runs `command` twice for a group of tests that only read what it wrote, and
    yields both outputs; everything is rolled back after the group. The per-test
    transactions nest inside this one."""
    folder = tmp_path_factory.mktemp("seeded")
    with (
        django_db_blocker.unblock(),
        override_settings(
            DEBUG=True,
            MEDIA_ROOT=folder / "media",
            PRIVATE_MEDIA_ROOT=folder / "private",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        transaction.atomic(),
    ):
        translation.activate(settings.LANGUAGE_CODE)
        outputs = (run(command), run(command))
        translation.deactivate()
        yield outputs
        transaction.set_rollback(True)


@pytest.fixture(scope="class")
def core_group_seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    with seeded_once(django_db_blocker, tmp_path_factory, "seed_core_group") as outputs:
        yield outputs


@pytest.fixture(scope="class")
def demo_seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    with seeded_once(django_db_blocker, tmp_path_factory, "seed_demo") as outputs:
        yield outputs


def contrast_with_white(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    return 1.05 / (luminance + 0.05)


# ---- seed_core_group


@pytest.mark.usefixtures("core_group_seeded")
class TestAfterSeedCoreGroupTwice:
    """Tests that only read what seed_core_group wrote: seeded once for them all."""

    def test_seed_core_group_twice_leaves_15_institutions_and_4_themes(self, core_group_seeded):
        first, second = core_group_seeded

        core_group = Institution.objects.filter(is_core_group=True)
        assert core_group.count() == 15
        assert Institution.objects.count() == 15
        assert Theme.objects.count() == 4
        assert "15 created" in first
        assert "0 created, 0 updated, 15 unchanged" in second
        assert "0 created, 0 updated, 4 unchanged" in second

    def test_core_group_names_short_names_and_sectors(self):
        gore = Institution.objects.get(name="Gobierno Regional de Moquegua")
        assert gore.short_name == "GORE Moquegua"
        assert gore.sector == Sector.GOVERNMENT_REGIONAL_LOCAL
        assert Institution.objects.get(short_name="CEOP ILO").sector == Sector.CIVIL_SOCIETY
        assert Institution.objects.get(short_name="CEM").sector == Sector.ACADEMIA
        southern = Institution.objects.get(name="Southern Perú Copper Corporation")
        assert southern.sector == Sector.PRIVATE_MINING
        assert Institution.objects.get(short_name="EITI").sector == Sector.COOPERATION
        assert Institution.objects.get(name="MINSUS-GIZ").sector == Sector.COOPERATION
        for institution in Institution.objects.all():
            assert institution.description, institution.name
            assert institution.short_name, institution.name

    def test_themes_in_rimay_order_with_spanish_and_english_names(self):
        themes = list(Theme.objects.order_by("order"))
        assert [theme.order for theme in themes] == [1, 2, 3, 4]
        assert [theme.name_es for theme in themes] == [
            "Cierre de brechas en servicios públicos y uso de la renta minera",
            "Diversificación productiva",
            "Gestión integrada de recursos hídricos",
            "Gestión de aspectos ambientales",
        ]
        assert [theme.name_en for theme in themes] == [
            "Closing gaps in public services and use of mining revenue",
            "Diversification of production",
            "Integrated water resources management",
            "Management of environmental aspects",
        ]
        assert themes[0].slug == "brechas-y-renta-minera"
        assert "canon minero" in themes[0].short_description_es
        assert "mining canon" in themes[0].short_description_en

    def test_each_theme_has_its_own_colour_readable_under_white_text(self):
        colours = list(Theme.objects.values_list("color", flat=True))
        assert len(set(colours)) == 4
        for theme in Theme.objects.all():
            assert contrast_with_white(theme.color) >= 4.5, theme.slug
            assert len(theme.short_description_es) <= 600
            assert len(theme.short_description_en) <= 600

    def test_home_page_intro_and_join_call_are_filled_and_published(self):
        home = home_page()
        assert "RIMAY Moquegua" in home.intro
        assert "corrupción" in home.intro
        assert "Leveraging Transparency to Reduce Corruption" in home.intro
        assert home.join_call
        assert home.live
        assert not home.has_unpublished_changes
        assert home.revisions.count() == 1


def test_a_facilitators_edits_survive_a_second_run():
    run("seed_core_group")
    propuesta = Institution.objects.get(name="Propuesta Ciudadana")
    propuesta.description = "Descripción revisada por la facilitación."
    propuesta.save()
    water = Theme.objects.get(slug="recursos-hidricos")
    water.name_en = "Water"
    water.save()

    run("seed_core_group")

    propuesta.refresh_from_db()
    water.refresh_from_db()
    assert propuesta.description == "Descripción revisada por la facilitación."
    assert water.name_en == "Water"


def test_overwrite_puts_the_seed_texts_back():
    run("seed_core_group")
    Theme.objects.filter(slug="recursos-hidricos").update(name_en="Water")

    out = run("seed_core_group", "--overwrite")

    assert Theme.objects.get(slug="recursos-hidricos").name_en == (
        "Integrated water resources management"
    )
    assert "updated: recursos-hidricos (name_en)" in out


def test_an_existing_institution_joins_the_core_group_without_a_duplicate():
    InstitutionFactory(name="Moquegua Crece", short_name="", sector=Sector.CIVIL_SOCIETY)

    run("seed_core_group")

    crece = Institution.objects.get(name="Moquegua Crece")
    assert crece.is_core_group
    assert crece.short_name == "Moquegua Crece"
    assert Institution.objects.filter(is_core_group=True).count() == 15


def test_a_theme_in_the_way_of_the_rimay_order_is_moved_to_the_end():
    ThemeFactory(slug="otro-tema", order=1)

    run("seed_core_group")

    assert Theme.objects.get(order=1).slug == "brechas-y-renta-minera"
    assert Theme.objects.get(slug="otro-tema").order == 5


def test_an_edited_home_page_is_not_overwritten():
    run("seed_core_group")
    home = home_page()
    home.intro = "<p>Texto escrito por la facilitación.</p>"
    home.join_call = "Únase a nosotros."
    home.save_revision().publish()

    out = run("seed_core_group")

    home = home_page()
    assert home.intro == "<p>Texto escrito por la facilitación.</p>"
    assert home.join_call == "Únase a nosotros."
    assert home.revisions.count() == 2
    assert "left as they are" in out


def test_a_home_page_draft_is_left_alone():
    home = home_page()
    home.title = "Borrador de la facilitación"
    home.save_revision()

    out = run("seed_core_group")

    home = home_page()
    assert home.has_unpublished_changes
    assert home.intro == ""
    assert "unpublished changes" in out


# ---- seed_demo


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True
    return settings


def login_through_the_form(email: str, password: str) -> Client:
    client = Client()
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    assert response.status_code == 302, response.content[:500]
    assert response.url == reverse("members:dashboard")
    assert client.session["_auth_user_id"] == str(User.objects.get(email=email).pk)
    return client


@pytest.mark.usefixtures("demo_seeded")
class TestAfterSeedDemoTwice:
    """Tests that only read what seed_demo wrote: seeded once for them all."""

    def test_seed_demo_twice_creates_each_demo_user_once(self, demo_seeded):
        _first, out = demo_seeded

        assert User.objects.filter(email__in=DEMO_EMAILS).count() == len(DEMO_EMAILS)
        assert EmailAddress.objects.filter(email__in=DEMO_EMAILS).count() == len(DEMO_EMAILS)
        assert Institution.objects.filter(is_core_group=True).count() == 15
        assert Theme.objects.count() == 4
        assert "0 created" in out

    def test_demo_accounts_have_their_roles_and_institutions(self):
        facilitator = User.objects.get(email="facilitator@example.org")
        member = User.objects.get(email="member@example.org")
        member2 = User.objects.get(email="member2@example.org")
        assert roles.is_facilitator(facilitator)
        assert facilitator.institution.is_core_group
        assert roles.is_member(member) and not roles.is_facilitator(member)
        assert member.institution.name == "Propuesta Ciudadana"
        assert roles.is_member(member2) and not roles.is_facilitator(member2)
        assert member2.institution.name == "Southern Perú Copper Corporation"
        for user in User.objects.filter(email__in=DEMO_EMAILS):
            assert user.full_name
            assert "demostración" in user.position
        # The directory is not thin: demo people in at least five institutions.
        institutions = {user.institution_id for user in User.objects.filter(email__in=DEMO_EMAILS)}
        assert len(institutions) >= 5

    def test_demo_accounts_log_in_with_the_demo_password(self):
        for email in ("facilitator@example.org", "member@example.org", "member2@example.org"):
            assert EmailAddress.objects.get(email=email).verified
            login_through_the_form(email, "moquegua-demo")

    def test_seed_demo_prints_the_accounts(self, demo_seeded):
        out, _second = demo_seeded

        assert "Password for all of them: moquegua-demo" in out
        for line in (
            ("facilitator@example.org", "facilitator", "MINSUS-GIZ"),
            ("member@example.org", "member", "Propuesta Ciudadana"),
            ("member2@example.org", "member", "Southern Perú"),
        ):
            assert any(all(part in printed for part in line) for printed in out.splitlines()), line


def test_running_again_resets_a_changed_demo_password(debug_on):
    run("seed_demo")
    member = User.objects.get(email="member@example.org")
    member.set_password("otra-clave-cambiada")
    member.save()

    run("seed_demo")

    assert Client().login(email="member@example.org", password="moquegua-demo")


def test_demo_password_setting_is_respected(debug_on):
    debug_on.DEMO_PASSWORD = "clave-de-demo-propia"

    out = run("seed_demo")

    assert "clave-de-demo-propia" in out
    login_through_the_form("member2@example.org", "clave-de-demo-propia")
    assert not Client().login(email="member2@example.org", password="moquegua-demo")


def test_seed_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        run("seed_demo")

    assert not User.objects.filter(email__in=DEMO_EMAILS).exists()
    assert not Institution.objects.exists()


def test_seed_demo_runs_with_force_when_debug_is_off(settings):
    settings.DEBUG = False

    run("seed_demo", "--force")

    assert User.objects.filter(email__in=DEMO_EMAILS).count() == len(DEMO_EMAILS)
