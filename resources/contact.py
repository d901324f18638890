"""The contact page (/contacto/): how to reach the facilitation team, and a form whose
messages go, through the outbox, to the address facilitators set in the admin
(Settings → Contact).

The form is public, so it keeps robots out the way the open call does: a honeypot (robots
get the same thanks page, and nothing is sent) and a per-address limit on messages sent
(members.ratelimit.CONTACT_MESSAGE). A refused or mistaken form comes back with every
word the person wrote.
"""

from django import forms
from django.conf import settings
from django.db import models, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from members import ratelimit
from members.notifications import notify
from members.public_forms import PublicFormMixin, honeypot_field
from members.selectors import facilitators

from .pages import IntroductionAndBodyPage, facilitation_email


@register_setting(icon="mail")
class ContactSettings(BaseSiteSetting):
    """Where the contact form's messages go, set by facilitators in the admin."""

    email = models.EmailField(
        _("address for the contact form"),
        blank=True,
        help_text=_(
            "The messages sent with the contact form go to this address, which is also "
            "shown on the contact page. Empty: they go to the facilitators' own addresses."
        ),
    )

    panels = [FieldPanel("email")]

    class Meta:
        verbose_name = _("contact")


def contact_email(request=None) -> str:
    """The facilitation team's public address: the one set in the admin, else
    MODERATION_EMAIL (resources.pages.facilitation_email). Empty when neither is set."""
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    configured = ContactSettings.for_site(site).email if site is not None else ""
    return configured or facilitation_email()


class ContactForm(PublicFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        error_messages={"required": _("Tell us your name.")},
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We will answer you at this address."),
        error_messages={
            "required": _("Give us an e-mail address to answer you."),
            "invalid": _("Write a complete e-mail address, such as name@example.org."),
        },
    )
    institution = forms.CharField(label=_("Institution"), max_length=200, required=False)
    message = forms.CharField(
        label=_("Your message"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("At most 4000 characters."),
        error_messages={
            "required": _("Write your message before sending it."),
            "max_length": _(
                "Your message has %(show_value)d characters; the limit is %(limit_value)d. "
                "Please shorten it."
            ),
        },
    )
    fax_number = honeypot_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["institution"].widget.attrs["autocomplete"] = "organization"


@transaction.atomic
def contact_message_send(
    *, name: str, email: str, institution: str, message: str, to: str, page_url: str = ""
) -> int:
    """Put a visitor's message in the outbox for the facilitation team: to `to`, or to
    every facilitator when no address is set. Returns how many messages were written."""
    context = {
        "sender_name": name.strip(),
        "sender_email": email.strip(),
        "institution": institution.strip(),
        "message": message.strip(),
        "page_url": page_url,
    }
    if to:
        notify(
            kind="contact_message",
            template="resources/contact_message",
            context=context,
            email=to,
            language=settings.LANGUAGE_CODE,
            reply_to=email,
        )
        return 1
    written = 0
    for person in facilitators():
        notify(
            kind="contact_message",
            template="resources/contact_message",
            context=context,
            recipient=person,
            reply_to=email,
        )
        written += 1
    return written


class ContactPage(RoutablePageMixin, IntroductionAndBodyPage):
    """The contact page: how to reach the facilitation team, and the contact form, with
    its thanks page at gracias/."""

    max_count_per_parent = 1
    template = "resources/pages/contact_page.html"

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["content_language"] = self.locale.language_code
        context.setdefault("form", ContactForm())
        return context

    @path("")
    def contact(self, request):
        if request.method != "POST":
            return TemplateResponse(request, self.get_template(request), self.get_context(request))
        form = ContactForm(request.POST)
        thanks_url = self.get_url(request) + self.reverse_subpage("thanks")
        if not ratelimit.allows(request, action=ratelimit.CONTACT_MESSAGE):
            form.is_valid()
            form.add_error(
                None,
                gettext(
                    "Several messages have been sent from your connection in a short time. "
                    "To protect the team from spam, please wait an hour and send it again: "
                    "your message is still here."
                ),
            )
            return self._form_again(request, form, status=429)
        if form.is_spam():
            # Robots get the same thanks page as people, and nothing is sent.
            ratelimit.record(request, action=ratelimit.CONTACT_MESSAGE)
            return redirect(thanks_url)
        if not form.is_valid():
            return self._form_again(request, form, status=400)
        ratelimit.record(request, action=ratelimit.CONTACT_MESSAGE)
        data = form.cleaned_data
        contact_message_send(
            name=data["name"],
            email=data["email"],
            institution=data["institution"],
            message=data["message"],
            to=contact_email(request),
            page_url=self.full_url or "",
        )
        return redirect(thanks_url)

    def _form_again(self, request, form, *, status):
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=status)

    @path("gracias/", name="thanks")
    def thanks(self, request):
        context = self.get_context(request)
        context["thanks"] = True
        return TemplateResponse(request, self.get_template(request), context)
