"""allauth customisation: no open signup (people join by invitation or through the open call),
e-mails in the recipient's language from the portal's templates, and the landing page after
login in the person's preferred language."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation

from .notifications import render_message

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def portal_email_template(template_prefix: str) -> str | None:
    """ "account/email/password_reset_key" -> "account/password_reset_key" when the portal has
    emails/account/password_reset_key.txt; None means: use allauth's own template."""
    app, _sep, name = template_prefix.partition("/email/")
    if not name:
        return None
    template = f"{app}/{name}"
    try:
        get_template(f"emails/{template}.txt", using="text")
    except TemplateDoesNotExist:
        return None
    return template


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # The Community grows by invitation and by its moderated open call (/unete/).
        return False

    # ---- E-MAIL

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Security notifications come without the user in the context: find them by address.
        user = context.get("user")
        if user is None or not getattr(user, "pk", None):
            user = get_user_model().objects.filter(email__iexact=email).first()
        language = getattr(user, "preferred_language", "") or translation.get_language()
        if language not in LANGUAGE_CODES:
            language = settings.LANGUAGE_CODE
        context = {**context, "language": language}
        if user is not None:
            context.setdefault("user", user)
        # Like allauth's send_mail, but also works outside a request (after commit, tasks).
        request = allauth_context.request
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request) if request is not None else None,
            **context,
        }
        with translation.override(language):
            self.render_mail(template_prefix, email, context).send()

    def render_mail(self, template_prefix, email, context, headers=None):
        template = portal_email_template(template_prefix)
        if template is None:
            return super().render_mail(template_prefix, email, context, headers=headers)
        language = context.get("language") or translation.get_language()
        subject, body_text, body_html = render_message(template, context, language)
        message = EmailMultiAlternatives(
            self.format_email_subject(subject),
            body_text,
            self.get_from_email(),
            [email] if isinstance(email, str) else email,
            headers=headers,
        )
        if body_html:
            message.attach_alternative(body_html, "text/html")
        return message

    # ---- LOGIN

    def get_login_redirect_url(self, request) -> str:
        """ "My space", in the person's preferred language (the URL prefix sets it) when
        they logged in from the default-language pages; someone who switched the pages to
        another language on purpose stays in it."""
        language = getattr(request.user, "preferred_language", "")
        if language in LANGUAGE_CODES and translation.get_language() == settings.LANGUAGE_CODE:
            with translation.override(language):
                return reverse(settings.LOGIN_REDIRECT_URL)
        return super().get_login_redirect_url(request)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Failed log-ins are counted per account AND client address (allauth counts them
        per account alone), besides allauth's count per address: wrong passwords sent
        from one address then stop that address only, and never lock the account's owner
        out from everywhere else. A successful password reset clears the count for the
        address it was done from."""
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:" + (
            self.get_client_ip(request)
        )

    def add_message(self, request, level, message_template=None, message_context=None, **kwargs):
        # A new member who just accepted their invitation gets a welcome instead.
        if message_template == "account/messages/logged_in.txt" and getattr(
            request, "welcome_new_member", False
        ):
            return
        super().add_message(request, level, message_template, message_context, **kwargs)
