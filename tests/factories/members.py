import factory
from allauth.account.models import EmailAddress

from members import roles
from members.models import District, Institution, Invitation, MembershipApplication, Sector, User

DEFAULT_PASSWORD = "una-clave-de-prueba-larga"


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Institución de prueba {n}")
    short_name = factory.Sequence(lambda n: f"IP{n}")
    sector = Sector.CIVIL_SOCIETY


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a verified e-mail address and no role."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persona{n}@example.org")
    full_name = factory.Faker("name", locale="es_ES")
    institution = factory.SubFactory(InstitutionFactory)
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if not create:
            return
        obj.save()
        if extracted is not False:
            EmailAddress.objects.update_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class MemberFactory(UserFactory):
    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        if create:
            roles.set_role(obj, extracted or "member")


class FacilitatorFactory(UserFactory):
    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        if create:
            roles.set_role(obj, "facilitator")


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invitada{n}@example.org")
    full_name = "Rosa Quispe"
    institution = factory.SubFactory(InstitutionFactory)
    invited_by = factory.SubFactory(FacilitatorFactory)


class MembershipApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipApplication

    full_name = "Juan Mamani"
    email = factory.Sequence(lambda n: f"postulante{n}@example.org")
    new_institution_name = factory.Sequence(lambda n: f"Asociación de Regantes {n}")
    sector = Sector.CIVIL_SOCIETY
    motivation = "Queremos compartir nuestra experiencia en gestión del agua en Ilo."


def district(slug: str) -> District:
    """A district of Moquegua (loaded by a migration), by its slug: "torata", "ilo-distrito"."""
    return District.objects.select_related("province").get(slug=slug)


def districts_of(province_slug: str) -> list[District]:
    return list(District.objects.filter(province__slug=province_slug).order_by("ubigeo"))
