"""Forms of the members app. They validate input; the services in services.py write."""

from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import (
    password_validators_help_text_html,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import roles
from .models import Institution, Invitation, Role, Sector, User
from .places import by_province, districts_with_provinces
from .public_forms import PublicFormMixin, honeypot_field
from .services import account_exists


class InvitationAcceptForm(forms.Form):
    """What the invitee fills in to create their account: name, password, language."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    position = forms.CharField(
        label=_("Position"),
        max_length=150,
        required=False,
        help_text=_("Your role in your institution, e.g. “Environmental officer”."),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("The language of the portal and of the e-mails we send you."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html,
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation: Invitation, **kwargs):
        self.invitation = invitation
        super().__init__(*args, **kwargs)
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["position"].widget.attrs["autocomplete"] = "organization-title"

    def clean_full_name(self):
        full_name = self.cleaned_data["full_name"].strip()
        if not full_name:
            raise ValidationError(_("Please enter your name."), code="required")
        return full_name

    def clean(self):
        cleaned_data = super().clean()
        password1 = cleaned_data.get("password1")
        password2 = cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords do not match."))
        elif password1:
            candidate = User(
                email=self.invitation.email,
                full_name=cleaned_data.get("full_name", ""),
                position=cleaned_data.get("position", ""),
            )
            try:
                validate_password(password1, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned_data


class ProfileForm(forms.ModelForm):
    """What a person may change about themselves in "My space"."""

    class Meta:
        model = User
        fields = ["full_name", "position", "preferred_language", "wants_digest"]
        help_texts = {
            "preferred_language": _("The language of the portal and of the e-mails we send you."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["position"].widget.attrs["autocomplete"] = "organization-title"


class InvitationAdminForm(WagtailAdminModelForm):
    """The facilitators' form in the Wagtail admin to invite someone.

    Saving it does not write the invitation itself: the admin view calls
    services.invitation_create, which also sends the e-mail.
    """

    language = forms.ChoiceField(
        label=_("Language of the e-mail"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )

    class Meta:
        model = Invitation
        fields = ["email", "full_name", "institution", "position", "role", "message"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].help_text = _("Used to greet them; they can change it.")
        # Only administrators may make someone a facilitator.
        if not roles.is_administrator(self.for_user):
            self.fields["role"].choices = [(Role.MEMBER.value, Role.MEMBER.label)]
            self.fields["role"].initial = Role.MEMBER
            self.fields["role"].disabled = True

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if account_exists(email):
            raise ValidationError(
                _("There is already an account with this e-mail address."),
                code="account_exists",
            )
        return email


class InvitationEditForm(WagtailAdminModelForm):
    """Correcting a pending invitation: the address stays (the link went there)."""

    class Meta:
        model = Invitation
        fields = ["full_name", "institution", "position", "message"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance.is_usable:
            for field in self.fields.values():
                field.disabled = True


class InvitationResendForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the e-mail"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )


class MembershipApplicationForm(PublicFormMixin, forms.Form):
    """The public open call ("Únete a la Comunidad"): a person applies for themselves and
    their institution, an existing one or a new one.

    Whether the e-mail address already has an account is deliberately not checked here: the
    public form must not reveal who is registered (the reviewers see it instead).
    """

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We will write to you at this address about your application."),
    )
    position = forms.CharField(
        label=_("Position"),
        max_length=150,
        required=False,
        help_text=_("Your role in your institution, e.g. “Environmental officer”."),
    )
    institution = forms.ModelChoiceField(
        label=_("Existing institution"),
        queryset=Institution.objects.order_by("name"),
        required=False,
        empty_label=_("— My institution is not listed —"),
        help_text=_("If your institution already takes part, choose it here."),
    )
    new_institution_name = forms.CharField(
        label=_("Name of the new institution"),
        max_length=200,
        required=False,
        help_text=_("Only if your institution is not in the list above."),
    )
    new_institution_short_name = forms.CharField(
        label=_("Short name or acronym"), max_length=60, required=False
    )
    new_institution_website = forms.URLField(
        label=_("Website"),
        max_length=300,
        required=False,
        assume_scheme="https",
        help_text=_("For example https://www.example.org.pe"),
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", _("— Choose a sector —")), *Sector.choices],
        required=False,
        help_text=_("Required for a new institution; an existing one keeps its sector."),
    )
    motivation = forms.CharField(
        label=_("Why do you want to join?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Tell us about your work and what you hope to share and learn (at most 3000 "
            "characters)."
        ),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the Community's facilitators keep these details to review my "
            "application and contact me about it."
        ),
        error_messages={
            "required": _("We can only review your application with your consent."),
        },
    )
    fax_number = honeypot_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["position"].widget.attrs["autocomplete"] = "organization-title"
        self.fields["new_institution_name"].widget.attrs["autocomplete"] = "organization"
        self.fields["new_institution_website"].widget.attrs["autocomplete"] = "url"

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned_data = super().clean()
        institution = cleaned_data.get("institution")
        new_name = cleaned_data.get("new_institution_name", "")
        if "institution" in self.errors or "new_institution_name" in self.errors:
            return cleaned_data
        if institution and new_name:
            self.add_error(
                "new_institution_name",
                ValidationError(
                    _(
                        "Choose an existing institution or enter a new one, not both. "
                        "Leave this field empty if your institution is in the list."
                    ),
                    code="both_institutions",
                ),
            )
        elif not institution and not new_name:
            self.add_error(
                "institution",
                ValidationError(
                    _(
                        "Choose your institution from the list, or enter the name of a new "
                        "institution below."
                    ),
                    code="no_institution",
                ),
            )
        elif new_name:
            existing = Institution.objects.filter(name__iexact=new_name).first()
            if existing is not None:
                self.add_error(
                    "new_institution_name",
                    ValidationError(
                        _(
                            "“%(name)s” already takes part in the Community: please choose "
                            "it in the list of existing institutions instead."
                        ),
                        params={"name": existing.name},
                        code="institution_exists",
                    ),
                )
            if not cleaned_data.get("sector"):
                self.add_error(
                    "sector",
                    ValidationError(
                        _("Please choose the sector of the new institution."), code="required"
                    ),
                )
        return cleaned_data

    def application_data(self) -> dict:
        """The cleaned values, as keyword arguments for services.application_submit."""
        data = self.cleaned_data
        return {
            "full_name": data["full_name"],
            "email": data["email"],
            "position": data["position"],
            "institution": data["institution"],
            "new_institution_name": data["new_institution_name"],
            "new_institution_short_name": data["new_institution_short_name"],
            "new_institution_website": data["new_institution_website"],
            "sector": data["sector"],
            "motivation": data["motivation"],
        }


class ApplicationDecisionForm(forms.Form):
    """The reviewer's optional note when accepting or declining an application."""

    note = forms.CharField(
        label=_("Note to the applicant"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Optional. Included in the e-mail the applicant receives."),
    )


class InstitutionAdminForm(WagtailAdminModelForm):
    """Institutions in the Wagtail admin; the logo is checked by its content."""

    class Meta:
        model = Institution
        fields = [
            "name",
            "short_name",
            "sector",
            "description",
            "website",
            "logo",
            "is_core_group",
            "date_joined",
            "district",
        ]
        # A plain file field: the logo is checked by members.uploads (the model's validator)
        # before Pillow opens it, so its refusal says what is wrong with the file.
        field_classes = {"logo": forms.FileField}
        error_messages = {
            "name": {"unique": _("An institution with this name already exists.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The seat's district, in a list grouped by province.
        self.fields["district"].choices = [
            ("", "---------"),
            *[
                (province.name, [(d.pk, d.name) for d in members])
                for province, members in by_province(districts_with_provinces())
            ],
        ]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        duplicates = Institution.objects.filter(name__iexact=name)
        if self.instance.pk:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise ValidationError(_("An institution with this name already exists."), code="unique")
        return name
