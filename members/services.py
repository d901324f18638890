"""Writes of the members app: invitations, accounts and profiles.

Every function is keyword-only and atomic; views, Wagtail admin views and management
commands call these, never the models directly.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log as log_action

from . import notifications, roles
from .models import Institution, Invitation, MembershipApplication, Role, User

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _language(code: str) -> str:
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


def account_exists(email: str) -> bool:
    return User.objects.filter(email__iexact=email.strip()).exists()


def invitation_accept_url(*, invitation: Invitation, language: str) -> str:
    """The absolute link of the invitation, in `language` (/en/... for English)."""
    with translation.override(_language(language)):
        path = reverse("members:invitation_accept", kwargs={"token": invitation.token})
    return notifications.absolute_url(path)


def _send_invitation(*, invitation: Invitation, language: str) -> None:
    language = _language(language)
    url = invitation_accept_url(invitation=invitation, language=language)
    with translation.override(language):
        expires = formats.date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT")
        role_label = str(Role(invitation.role).label)
    notifications.notify(
        kind="invitation",
        template="members/invitation",
        context={
            "invitation": invitation,
            "full_name": invitation.full_name,
            "institution_name": invitation.institution.name,
            "inviter_name": invitation.invited_by.get_full_name() if invitation.invited_by else "",
            "personal_message": invitation.message,
            "role_label": role_label,
            "expires": expires,
        },
        email=invitation.email,
        language=language,
        url=url,
    )


@transaction.atomic
def invitation_create(
    *,
    email: str,
    institution,
    invited_by,
    role: str = Role.MEMBER,
    full_name: str = "",
    position: str = "",
    message: str = "",
    language: str = "",
) -> Invitation:
    """Invite a person to join `institution` and e-mail them the link (through the outbox).

    A new invitation replaces any still-pending invitation to the same address, so only
    the latest link works. Refuses an address that already has an account.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    if account_exists(email):
        raise ValidationError(
            {"email": _("There is already an account with this e-mail address.")},
            code="account_exists",
        )
    now = timezone.now()
    replaced = Invitation.objects.select_for_update(of=("self",)).filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    )
    for old in replaced.select_related("institution"):
        # One by one (there is rarely more than one), so each shows in the audit log.
        old.revoked_at = now
        old.save(update_fields=["revoked_at"])
        log_action(old, "members.invitation_revoke", user=invited_by, data=_about(old))
    invitation = Invitation.objects.create(
        email=email,
        institution=institution,
        role=role,
        invited_by=invited_by,
        full_name=full_name.strip(),
        position=position.strip(),
        message=message.strip(),
    )
    _send_invitation(invitation=invitation, language=language)
    log_action(invitation, "members.invitation_send", user=invited_by, data=_about(invitation))
    return invitation


def _about(invitation: Invitation) -> dict:
    """What the audit log keeps of an invitation, readable after it changes."""
    return {
        "email": invitation.email,
        "institution": invitation.institution.name,
        "role": invitation.role,
    }


@transaction.atomic
def invitation_resend(*, invitation: Invitation, language: str = "", user=None) -> Invitation:
    """Send the link again; an expired invitation gets a fresh validity period."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ValidationError(_("This invitation has already been accepted."), code="accepted")
    if invitation.revoked_at:
        raise ValidationError(_("This invitation has been revoked."), code="revoked")
    if account_exists(invitation.email):
        raise ValidationError(
            _("There is already an account with this e-mail address."), code="account_exists"
        )
    invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitation.save(update_fields=["expires_at"])
    _send_invitation(invitation=invitation, language=language)
    log_action(invitation, "members.invitation_resend", user=user, data=_about(invitation))
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, user=None) -> Invitation:
    """Make the link unusable. Revoking twice is harmless; an accepted one cannot be."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("institution")
        .get(pk=invitation.pk)
    )
    if invitation.accepted_at:
        raise ValidationError(_("This invitation has already been accepted."), code="accepted")
    if not invitation.revoked_at:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        log_action(invitation, "members.invitation_revoke", user=user, data=_about(invitation))
    return invitation


def invitation_unusable_reason(invitation: Invitation) -> str:
    """ "accepted", "revoked", "expired" or "" when the link may still be used."""
    if invitation.accepted_at:
        return "accepted"
    if invitation.revoked_at:
        return "revoked"
    if invitation.is_expired:
        return "expired"
    return ""


class InvitationUnusable(ValidationError):
    """The invitation was accepted, revoked or expired meanwhile."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(_("This invitation can no longer be used."), code=reason)


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    full_name: str,
    password: str,
    preferred_language: str,
    position: str = "",
) -> User:
    """Create the invitee's account: in the invitation's institution, with its role and a
    verified e-mail address (the link proved the address). Works once per invitation.

    Raises InvitationUnusable if the invitation cannot be used (accepted, revoked,
    expired), and ValidationError for an unacceptable password; nothing is created then.
    """
    # The row lock makes a double submit wait here and then find the invitation used.
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("institution", "invited_by")
        .get(pk=invitation.pk)
    )
    reason = invitation_unusable_reason(invitation)
    if reason:
        raise InvitationUnusable(reason)
    if account_exists(invitation.email):
        raise InvitationUnusable("accepted")

    user = User(
        email=invitation.email,
        full_name=full_name.strip(),
        position=position.strip(),
        institution=invitation.institution,
        preferred_language=_language(preferred_language),
    )
    validate_password(password, user)
    user.set_password(password)
    user.save()
    roles.set_role(user, invitation.role)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    log_action(invitation, "members.invitation_accept", user=user, data=_about(invitation))

    inviter = invitation.invited_by
    if inviter is not None and inviter.is_active:
        notifications.notify(
            kind="invitation_accepted",
            template="members/invitation_accepted",
            context={
                "new_member_name": user.get_full_name(),
                "institution_name": invitation.institution.name,
                "inviter_name": inviter.get_full_name(),
            },
            recipient=inviter,
            url=reverse("members:directory"),
        )
    return user


@transaction.atomic
def user_update_profile(
    *,
    user: User,
    full_name: str,
    preferred_language: str,
    position: str = "",
    wants_digest: bool | None = None,
) -> User:
    """Change what a person may edit about themselves (not their institution or e-mail)."""
    full_name = full_name.strip()
    if not full_name:
        raise ValidationError({"full_name": _("Please enter your name.")}, code="required")
    user.full_name = full_name
    user.position = position.strip()
    user.preferred_language = _language(preferred_language)
    fields = ["full_name", "position", "preferred_language"]
    if wants_digest is not None:
        user.wants_digest = wants_digest
        fields.append("wants_digest")
    user.save(update_fields=fields)
    return user


def notifications_mark_read(*, user, notification_ids=None) -> int:
    """Mark the person's notifications (all, or those ids) as read. Returns how many."""
    return notifications.mark_read(user=user, notification_ids=notification_ids)


# ---- The open call: membership applications


class ApplicationAlreadyReviewed(ValidationError):
    """The application was accepted or declined already (a second click, two reviewers)."""

    def __init__(self, application: MembershipApplication):
        self.status = application.status
        if application.status == MembershipApplication.Status.ACCEPTED:
            message = _("This application has already been accepted; nothing was changed.")
        else:
            message = _("This application has already been declined; nothing was changed.")
        super().__init__(message, code="already_reviewed")


def application_reviewers():
    """Who reviews applications: active facilitators and administrators."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(groups__name__in=[roles.FACILITATORS, roles.ADMINISTRATORS]) | Q(is_superuser=True)
        )
        .distinct()
        .order_by("pk")
    )


def application_admin_url(application: MembershipApplication) -> str:
    return reverse("membership_applications:inspect", args=[application.pk])


@transaction.atomic
def application_submit(
    *,
    full_name: str,
    email: str,
    sector: str = "",
    motivation: str,
    position: str = "",
    institution: Institution | None = None,
    new_institution_name: str = "",
    new_institution_short_name: str = "",
    new_institution_website: str = "",
    language: str = "",
) -> MembershipApplication:
    """Store an application from the open call, confirm it to the applicant and tell every
    reviewer (and MODERATION_EMAIL, if set).

    Whether the address already has an account is told to the reviewers only: the public
    form never reveals it.
    """
    language = _language(language or translation.get_language() or "")
    if institution is not None:
        new_institution_name = new_institution_short_name = new_institution_website = ""
        sector = sector or institution.sector
    application = MembershipApplication(
        full_name=full_name.strip(),
        email=User.objects.normalize_email(email.strip()).lower(),
        position=position.strip(),
        institution=institution,
        new_institution_name=new_institution_name.strip(),
        new_institution_short_name=new_institution_short_name.strip(),
        new_institution_website=new_institution_website.strip(),
        sector=sector,
        motivation=motivation.strip(),
        language=language,
    )
    application.full_clean()
    application.save()

    notifications.notify(
        kind="application_received",
        template="members/application_received",
        context={"application": application, "institution_name": application.institution_label},
        email=application.email,
        language=language,
        dedupe_key=f"application:{application.pk}:received",
    )
    review_context = {
        "application": application,
        "institution_name": application.institution_label,
        "is_new_institution": application.institution_id is None,
        "has_account": account_exists(application.email),
    }
    review_url = application_admin_url(application)
    notified = set()
    for reviewer in application_reviewers():
        notified.add(reviewer.email.lower())
        with translation.override(_language(reviewer.preferred_language)):
            sector_label = str(application.get_sector_display())
        notifications.notify(
            kind="application_new",
            template="members/application_new",
            context={**review_context, "sector_label": sector_label},
            recipient=reviewer,
            url=review_url,
            dedupe_key=f"application:{application.pk}:new:user:{reviewer.pk}",
        )
    moderation_email = settings.MODERATION_EMAIL.strip().lower()
    if moderation_email and moderation_email not in notified:
        with translation.override(settings.LANGUAGE_CODE):
            sector_label = str(application.get_sector_display())
        notifications.notify(
            kind="application_new",
            template="members/application_new",
            context={**review_context, "sector_label": sector_label},
            email=moderation_email,
            language=settings.LANGUAGE_CODE,
            url=review_url,
            dedupe_key=f"application:{application.pk}:new:moderation",
        )
    return application


def _lock_pending_application(application: MembershipApplication) -> MembershipApplication:
    # The row lock makes a second reviewer (or a double click) wait, then find it reviewed.
    application = (
        MembershipApplication.objects.select_for_update(of=("self",))
        .select_related("institution")
        .get(pk=application.pk)
    )
    if application.status != MembershipApplication.Status.PENDING:
        raise ApplicationAlreadyReviewed(application)
    return application


@transaction.atomic
def application_accept(
    *, application: MembershipApplication, reviewer: User, note: str = ""
) -> MembershipApplication:
    """Accept an application: create the institution if it is new, invite the applicant to
    it (the invitation e-mail carries the reviewer's note) and mark the application accepted.

    Raises ApplicationAlreadyReviewed when it is not pending, and ValidationError when the
    address already has an account; nothing is changed then.
    """
    application = _lock_pending_application(application)
    note = note.strip()
    if account_exists(application.email):
        raise ValidationError(
            _(
                "%(email)s already has an account, so no invitation can be sent. Decline "
                "the application with a note that they can log in (or reset their password)."
            )
            % {"email": application.email},
            code="account_exists",
        )

    institution = application.institution
    if institution is None:
        # Another application for the same new institution may have been accepted first.
        institution = Institution.objects.filter(
            name__iexact=application.new_institution_name
        ).first()
    if institution is None:
        institution = Institution(
            name=application.new_institution_name,
            short_name=application.new_institution_short_name,
            website=application.new_institution_website,
            sector=application.sector,
        )
        institution.full_clean()
        institution.save()
        log_action(institution, "wagtail.create", user=reviewer)

    with translation.override(application.language):
        message = note or _(
            "Thank you for applying to join the Community of Learning. We are glad to "
            "welcome you and your institution."
        )
    invitation = invitation_create(
        email=application.email,
        institution=institution,
        invited_by=reviewer,
        role=Role.MEMBER,
        full_name=application.full_name,
        position=application.position,
        message=message,
        language=application.language,
    )

    application.institution = institution
    application.invitation = invitation
    application.status = MembershipApplication.Status.ACCEPTED
    application.reviewed_by = reviewer
    application.reviewed_at = timezone.now()
    application.decision_note = note
    application.save(
        update_fields=[
            "institution",
            "invitation",
            "status",
            "reviewed_by",
            "reviewed_at",
            "decision_note",
        ]
    )
    log_action(
        application,
        "members.application_accept",
        user=reviewer,
        data={"email": application.email, "institution": institution.name, "note": note},
    )
    return application


@transaction.atomic
def application_decline(
    *, application: MembershipApplication, reviewer: User, note: str = ""
) -> MembershipApplication:
    """Decline an application and tell the applicant politely (with the reviewer's note).

    Raises ApplicationAlreadyReviewed when it is not pending.
    """
    application = _lock_pending_application(application)
    application.status = MembershipApplication.Status.DECLINED
    application.reviewed_by = reviewer
    application.reviewed_at = timezone.now()
    application.decision_note = note.strip()
    application.save(update_fields=["status", "reviewed_by", "reviewed_at", "decision_note"])
    log_action(
        application,
        "members.application_decline",
        user=reviewer,
        data={
            "email": application.email,
            "institution": application.institution_label,
            "note": application.decision_note,
        },
    )
    notifications.notify(
        kind="application_declined",
        template="members/application_declined",
        context={
            "application": application,
            "institution_name": application.institution_label,
            "note": application.decision_note,
        },
        email=application.email,
        language=application.language,
        dedupe_key=f"application:{application.pk}:declined",
    )
    return application
