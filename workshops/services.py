"""Writes on workshops and registrations. Views, the admin, commands and tasks call these.

Seats: registering locks the workshop row (SELECT … FOR UPDATE) and counts the confirmed
registrations inside that lock, so two people taking the last seat at the same instant
end with exactly one confirmed and one on the waitlist.
"""

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from members.models import Institution
from members.notifications import notify
from members.roles import is_facilitator, is_member
from members.selectors import facilitators, members_of_institutions
from members.slugs import unique_slug
from members.uploads import IMAGE, check_upload
from resources.services import document_from_upload

from .ical import registration_ics
from .models import (
    AgendaItem,
    Commitment,
    CommitmentStatus,
    CommitmentUpdate,
    CommitmentVerdict,
    Registration,
    RegistrationStatus,
    Verdict,
    WalkIn,
    Workshop,
    WorkshopStatus,
    cui_validator,
    https_only,
)
from .selectors import (
    commitments_to_remind,
    open_commitments_by_institution,
    registrations_to_tell,
    waitlist,
    workshops_needing_reminder,
    workshops_visible_to,
)

# A change to any of these is announced to every registrant.
LOGISTICS_FIELDS = ("starts_at", "ends_at", "venue", "address", "city", "online_url", "modality")


def unique_workshop_slug(title: str, starts_at=None, exclude_pk: int | None = None) -> str:
    date = f"-{timezone.localtime(starts_at):%Y-%m-%d}" if starts_at is not None else ""
    taken = Workshop.objects.exclude(pk=exclude_pk)
    return unique_slug(title, taken=taken, fallback="taller", max_length=180, suffix=date)


def _confirmed_count(workshop: Workshop) -> int:
    return workshop.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def _notify_registration(registration: Registration, kind: str, template: str, **context):
    workshop = registration.workshop
    if not is_member(registration.user):
        return  # no longer a member: no more notices about the workshop
    notify(
        kind=kind,
        template=template,
        context={"workshop": workshop, "registration": registration, **context},
        recipient=registration.user,
        url=workshop.get_absolute_url(),
        attachment=_calendar_attachment(registration),
    )


def _calendar_attachment(registration: Registration) -> tuple[str, str, str] | None:
    """The event as an .ics for a confirmed seat (a waitlisted person has none to add or
    update). Notices of a change or a cancellation carry it again, with the same UID and
    a higher SEQUENCE, so the calendar app replaces the copy it holds."""
    if registration.status != RegistrationStatus.CONFIRMED:
        return None
    return (
        f"{registration.workshop.slug}.ics",
        registration_ics(registration),
        "text/calendar",
    )


@transaction.atomic
def workshop_register(*, workshop: Workshop, user) -> Registration:
    """Register a member: a confirmed seat if there is one, else a place on the waitlist."""
    if not is_member(user):
        raise PermissionDenied(_("Only members of the Community can register."))
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if not workshops_visible_to(user).filter(pk=workshop.pk).exists():
        raise PermissionDenied
    if not workshop.registration_is_open():
        if workshop.status == WorkshopStatus.CANCELLED:
            raise ValidationError(_("This workshop has been cancelled."))
        if workshop.registration_deadline and timezone.now() > workshop.registration_deadline:
            raise ValidationError(_("The registration deadline has passed."))
        raise ValidationError(_("Registration for this workshop is not open."))

    registration = Registration.objects.filter(workshop=workshop, user=user).first()
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        raise ValidationError(_("You are already registered for this workshop."))

    now = timezone.now()
    has_seat = _confirmed_count(workshop) < workshop.capacity
    status = RegistrationStatus.CONFIRMED if has_seat else RegistrationStatus.WAITLISTED
    if registration is None:
        registration = Registration(workshop=workshop, user=user)
    registration.status = status
    registration.requested_at = now
    registration.confirmed_at = now if has_seat else None
    registration.cancelled_at = None
    registration.save()

    if has_seat:
        _notify_registration(
            registration,
            "workshop_confirmed",
            "workshops/registration_confirmed",
        )
    else:
        _notify_registration(
            registration,
            "workshop_waitlisted",
            "workshops/registration_waitlisted",
        )
    return registration


def _promote_from_waitlist(workshop: Workshop) -> list[Registration]:
    """Fill free seats with the first people on the waitlist (caller holds the lock)."""
    promoted = []
    free = workshop.capacity - _confirmed_count(workshop)
    if free <= 0 or workshop.status in (WorkshopStatus.CANCELLED, WorkshopStatus.HELD):
        return promoted
    # People who lost the member role wait on, unseen: seats go to members.
    for registration in registrations_to_tell(waitlist(workshop)).select_related("user")[:free]:
        registration_confirm(registration=registration, _locked=True)
        promoted.append(registration)
    return promoted


@transaction.atomic
def registration_confirm(
    *, registration: Registration, by=None, add_seat: bool = False, _locked: bool = False
) -> None:
    """Move someone from the waitlist to a confirmed seat and tell them.

    A facilitator may choose anyone on the waitlist, not only the first. When the workshop
    is full, `add_seat` raises the capacity by one for that person.
    """
    workshop = registration.workshop
    if not _locked:
        if by is None or not is_facilitator(by):
            raise PermissionDenied
        workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
        registration.refresh_from_db()
        if registration.status != RegistrationStatus.WAITLISTED:
            raise ValidationError(_("Only people on the waitlist can be confirmed."))
        if workshop.status in (WorkshopStatus.CANCELLED, WorkshopStatus.HELD):
            raise ValidationError(
                _("The workshop is cancelled or was held: nobody can be confirmed now.")
            )
        if _confirmed_count(workshop) >= workshop.capacity:
            if not add_seat:
                raise ValidationError(
                    _("The workshop is full: raise the capacity first to confirm someone else.")
                )
            workshop.capacity += 1
            workshop.save(update_fields=["capacity", "updated_at"])
    now = timezone.now()
    registration.status = RegistrationStatus.CONFIRMED
    registration.confirmed_at = now
    registration.save(update_fields=["status", "confirmed_at"])
    _notify_registration(
        registration,
        "workshop_promoted",
        "workshops/registration_promoted",
        chosen=not _locked,
    )


@transaction.atomic
def registration_cancel(*, registration: Registration, user) -> list[Registration]:
    """Cancel one's own registration; the first on the waitlist takes the seat.

    Returns the registrations promoted from the waitlist.
    """
    if registration.user_id != user.pk and not is_facilitator(user):
        raise PermissionDenied
    workshop = Workshop.objects.select_for_update().get(pk=registration.workshop_id)
    registration.refresh_from_db()
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("This registration is already cancelled."))
    if workshop.is_past:
        raise ValidationError(_("The workshop is over: the registration can no longer change."))
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.confirmed_at = None
    registration.save(update_fields=["status", "cancelled_at", "confirmed_at"])
    return _promote_from_waitlist(workshop)


def registrations_release_for_former_members(*, user_ids) -> list[Registration]:
    """Cancel the registrations for workshops not yet started of people who are no longer
    members, each as a cancellation of their own: the seat goes to the first member on the
    waitlist, who is told. Workshops already started or over keep them on record.

    Returns the registrations promoted from the waitlist."""
    from members.selectors import members

    upcoming = (
        Registration.objects.filter(user_id__in=user_ids, workshop__starts_at__gt=timezone.now())
        .exclude(status=RegistrationStatus.CANCELLED)
        .exclude(user__in=members())
        .select_related("user")
        .order_by("workshop_id")
    )
    promoted = []
    for registration in upcoming:
        try:
            promoted += registration_cancel(registration=registration, user=registration.user)
        except ValidationError:
            continue  # cancelled or over meanwhile
    return promoted


def _wall_clock_shift(before, after) -> timedelta:
    """How far the start moved on the clock of the day (Lima), ignoring the date."""
    minute = {"second": 0, "microsecond": 0}
    before = timezone.localtime(before).replace(**minute)
    after = timezone.localtime(after).replace(**minute)
    day = before.date()
    return datetime.combine(day, after.time()) - datetime.combine(day, before.time())


def _shift_agenda(workshop: Workshop, shift: timedelta) -> int:
    """Move the agenda's times by `shift` (the agenda is the workshop's in-memory cluster,
    saved with it). Returns how many items moved."""
    moved = 0
    for item in workshop.agenda_items.all():
        if item.time is None:
            continue
        moved_time = (datetime.combine(datetime.min.date(), item.time) + shift).time()
        if moved_time != item.time:
            item.time = moved_time
            moved += 1
    return moved


@transaction.atomic
def workshop_save(
    *, workshop: Workshop, user, previous: dict | None = None, shift_agenda: bool = True
) -> Workshop:
    """Save a workshop edited by a facilitator; announce changes of time, place or link.

    `previous` holds the logistics fields as they were before the edit (None on create).
    When the start moves to another time of day, the agenda moves with it (by the same
    amount), unless `shift_agenda` is False (the facilitator changed agenda times too).
    """
    if not is_facilitator(user):
        raise PermissionDenied
    if workshop.status == WorkshopStatus.HELD and workshop.starts_at > timezone.now():
        raise ValidationError(
            {
                "status": _(
                    "A workshop cannot be marked as held before it starts. Leave it open or "
                    "closed, and mark it held once it has taken place."
                )
            }
        )
    workshop.agenda_moved = 0
    if previous and shift_agenda and previous.get("starts_at") and workshop.starts_at:
        shift = _wall_clock_shift(previous["starts_at"], workshop.starts_at)
        if shift:
            workshop.agenda_moved = _shift_agenda(workshop, shift)
    if not workshop.slug:
        workshop.slug = unique_workshop_slug(workshop.title, workshop.starts_at, workshop.pk)
    if workshop.pk is None:
        workshop.created_by = user
    changed = bool(previous) and any(
        previous.get(name) != getattr(workshop, name) for name in LOGISTICS_FIELDS
    )
    if changed:
        workshop.logistics_version += 1
    if previous and workshop.status != WorkshopStatus.DRAFT:
        moved_from = previous.get("starts_at")
        if moved_from and moved_from != workshop.starts_at and not workshop.previous_starts_at:
            workshop.previous_starts_at = moved_from
    if workshop.previous_starts_at == workshop.starts_at:
        workshop.previous_starts_at = None
    workshop.full_clean()
    workshop.save()
    if workshop.pk and workshop.status == WorkshopStatus.OPEN:
        _promote_from_waitlist(workshop)
    if changed and workshop.status != WorkshopStatus.DRAFT:
        _notify_all_registrants(
            workshop,
            kind="workshop_changed",
            template="workshops/workshop_changed",
            key=f"changed:v{workshop.logistics_version}",
            context={"previous": previous},
        )
    return workshop


def logistics_snapshot(workshop: Workshop) -> dict:
    return {name: getattr(workshop, name) for name in LOGISTICS_FIELDS}


def _notify_all_registrants(workshop, *, kind, template, key, context=None):
    registrations = (
        workshop.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .select_related("user")
        .order_by("requested_at", "pk")
    )
    told = set(registrations_to_tell(registrations).values_list("pk", flat=True))
    position = 0
    for registration in registrations:
        # Waitlisted people are told their place, so nobody mistakes a notice for a seat.
        if registration.status == RegistrationStatus.WAITLISTED:
            position += 1
        if registration.pk not in told:
            continue
        notify(
            kind=kind,
            template=template,
            context={
                "workshop": workshop,
                "registration": registration,
                "waitlist_position": position,
                **(context or {}),
            },
            recipient=registration.user,
            url=workshop.get_absolute_url(),
            dedupe_key=f"workshop:{workshop.pk}:{key}:user:{registration.user_id}",
            attachment=_calendar_attachment(registration),
        )


@transaction.atomic
def workshop_cancel(*, workshop: Workshop, user, reason: str = "") -> Workshop:
    if not is_facilitator(user):
        raise PermissionDenied
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if workshop.status == WorkshopStatus.CANCELLED:
        raise ValidationError(_("This workshop is already cancelled."))
    if workshop.status == WorkshopStatus.HELD:
        raise ValidationError(_("A workshop that was held cannot be cancelled."))
    workshop.status = WorkshopStatus.CANCELLED
    workshop.logistics_version += 1  # the calendar event's SEQUENCE: a new STATUS
    workshop.save(update_fields=["status", "logistics_version", "updated_at"])
    _notify_all_registrants(
        workshop,
        kind="workshop_cancelled",
        template="workshops/workshop_cancelled",
        key="cancelled",
        context={"reason": reason.strip()},
    )
    return workshop


@transaction.atomic
def workshop_duplicate(*, workshop: Workshop, user) -> Workshop:
    """A draft copy (description, themes, agenda, materials, facilitators), to be re-dated."""
    if not is_facilitator(user):
        raise PermissionDenied
    copy, _child_map = workshop.copy_cluster(
        exclude_fields=["id", "slug", "commitments", "lessons", "outcomes", "created_by"]
    )
    copy.title = _("Copy of %(title)s") % {"title": workshop.title}
    copy.slug = unique_workshop_slug(copy.title, copy.starts_at)
    copy.status = WorkshopStatus.DRAFT
    copy.logistics_version = 1
    copy.previous_starts_at = None
    copy.created_by = user
    copy.save()
    return copy


def _refuse_before_start(workshop: Workshop) -> None:
    if workshop.starts_at > timezone.now():
        raise ValidationError(
            _("Attendance can be taken only once the workshop has started (%(start)s, Lima time).")
            % {"start": f"{timezone.localtime(workshop.starts_at):%d/%m/%Y %H:%M}"}
        )


@transaction.atomic
def attendance_mark(*, workshop: Workshop, user, attended_ids, absent_ids=()) -> int:
    """Record who attended (confirmed registrations only). Returns how many changed."""
    if not is_facilitator(user):
        raise PermissionDenied
    _refuse_before_start(workshop)
    confirmed = workshop.registrations.filter(status=RegistrationStatus.CONFIRMED)
    changed = confirmed.filter(pk__in=list(attended_ids)).update(attended=True)
    changed += confirmed.filter(pk__in=list(absent_ids)).update(attended=False)
    return changed


@transaction.atomic
def walk_in_add(
    *, workshop: Workshop, user, name: str, institution=None, other_institution="", sector=""
) -> WalkIn:
    """Record someone who attended without registering (once the workshop has started)."""
    if not is_facilitator(user):
        raise PermissionDenied
    _refuse_before_start(workshop)
    if workshop.status == WorkshopStatus.CANCELLED:
        raise ValidationError(_("This workshop has been cancelled."))
    walk_in = WalkIn(
        workshop=workshop,
        name=name.strip(),
        institution=institution,
        other_institution=other_institution.strip(),
        sector=sector,
        recorded_by=user,
    )
    walk_in.full_clean()
    walk_in.save()
    return walk_in


@transaction.atomic
def walk_in_remove(*, walk_in: WalkIn, user) -> None:
    """Take back a walk-in recorded by mistake."""
    if not is_facilitator(user):
        raise PermissionDenied
    walk_in.delete()


@transaction.atomic
def workshop_message_registrants(*, workshop: Workshop, user, subject: str, body: str) -> int:
    """Send a facilitator's message to everyone registered (confirmed and waitlisted)."""
    if not is_facilitator(user):
        raise PermissionDenied
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise ValidationError(_("Write a subject and a message."))
    registrations = list(
        registrations_to_tell(
            workshop.registrations.exclude(status=RegistrationStatus.CANCELLED)
        ).select_related("user")
    )
    stamp = timezone.now().timestamp()
    for registration in registrations:
        notify(
            kind="workshop_message",
            template="workshops/message",
            context={
                "workshop": workshop,
                "registration": registration,
                "subject": subject,
                "body": body,
                "sender": user,
            },
            recipient=registration.user,
            url=workshop.get_absolute_url(),
            dedupe_key=f"workshop:{workshop.pk}:message:{stamp}:user:{registration.user_id}",
        )
    return len(registrations)


def reminder_key(workshop: Workshop, user_id: int) -> str:
    """One reminder per person for each day the workshop is set on (Lima): a change of
    time on the same day is announced by the change notice, never by a second reminder;
    a move to another day earns one reminder for the new day."""
    day = timezone.localtime(workshop.starts_at).date()
    return f"workshop:{workshop.pk}:reminder:{day:%Y-%m-%d}:user:{user_id}"


def send_reminders(*, now=None) -> int:
    """Remind confirmed participants within 24 hours of the start. Keyed: never twice."""
    sent = 0
    for workshop in workshops_needing_reminder(now=now):
        with transaction.atomic():
            confirmed = registrations_to_tell(
                workshop.registrations.filter(status=RegistrationStatus.CONFIRMED)
            ).select_related("user")
            for registration in confirmed:
                created = notify(
                    kind="workshop_reminder",
                    template="workshops/reminder",
                    context={
                        "workshop": workshop,
                        "registration": registration,
                        "is_today": timezone.localtime(workshop.starts_at).date()
                        == timezone.localtime(now or timezone.now()).date(),
                    },
                    recipient=registration.user,
                    url=workshop.get_absolute_url(),
                    dedupe_key=reminder_key(workshop, registration.user_id),
                )
                sent += created is not None
    return sent


# ---- COMMITMENTS: REPORTS, CONFIRMATIONS AND CONTESTS, THE FACILITATORS' QUEUE


def _responsible_institution_ids(commitment: Commitment) -> set[int]:
    return {
        commitment.responsible_institution_id,
        *commitment.supporting_institutions.values_list("pk", flat=True),
    }


def may_report_on(user, commitment: Commitment) -> bool:
    """Members of the lead or a supporting institution report on a commitment."""
    return bool(
        is_member(user)
        and user.institution_id
        and user.institution_id in _responsible_institution_ids(commitment)
    )


def may_judge(user, update: CommitmentUpdate) -> bool:
    """Members of an institution of another sector than the reporting institution's, and
    not responsible for the commitment, confirm or contest a report."""
    if not (is_member(user) and user.institution_id and update.institution_id):
        return False
    if user.institution.sector == update.institution.sector:
        return False
    return user.institution_id not in _responsible_institution_ids(update.commitment)


def _check_evidence(*, url: str, cui: str, photo) -> None:
    errors = {}
    if url:
        try:
            https_only(url)
        except ValidationError:
            errors["url"] = _("Give a link starting with http:// or https://.")
    if cui:
        try:
            cui_validator(cui)
        except ValidationError as error:
            errors["cui"] = error.messages
    if photo:
        try:
            check_upload(photo, kind=IMAGE)
        except ValidationError as error:
            errors["photo"] = error.messages
    if errors:
        raise ValidationError(errors)


def _check_transition(*, commitment: Commitment, status: str, progress: int, note: str) -> None:
    if status not in CommitmentStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Progress is a percentage from 0 to 100.")})
    if commitment.is_closed and status != commitment.status and not note.strip():
        raise ValidationError(
            {
                "note": _(
                    "The commitment was marked “%(status)s”: say in a note why its status changes."
                )
                % {"status": commitment.get_status_display()}
            }
        )
    if progress < commitment.progress and not note.strip():
        raise ValidationError({"note": _("Say in a note why the progress goes down.")})
    if status == CommitmentStatus.FULFILLED and progress != 100:
        raise ValidationError({"progress": _("A fulfilled commitment is at 100 %.")})


def _store_photo(photo):
    if not photo:
        return None
    checked = check_upload(photo, kind=IMAGE)
    photo.name = checked.safe_name
    return photo


@transaction.atomic
def commitment_report(
    *,
    commitment: Commitment,
    user,
    status: str,
    progress: int | None = None,
    note: str = "",
    document=None,
    url: str = "",
    photo=None,
    cui: str = "",
    document_upload=None,
    milestones_reached=(),
) -> CommitmentUpdate:
    """A member of a responsible institution reports the status and progress, with
    evidence, and may mark milestones reached (today). Appended to the history; nothing is
    stored when something is refused."""
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if not may_report_on(user, commitment):
        raise PermissionDenied(
            _("Only members of the institutions responsible for it report on a commitment.")
        )
    return _record_report(
        commitment=commitment,
        author=user,
        institution=user.institution,
        status=status,
        progress=progress,
        note=note,
        document=document,
        url=url,
        photo=photo,
        cui=cui,
        document_upload=document_upload,
        milestones_reached=milestones_reached,
    )


def report_values(*, commitment: Commitment, status: str, progress: int | None, note: str):
    """The progress a report gives (a fulfilled one is at 100 %; none given keeps the
    current one), checked against the rules of a transition. Raises ValidationError."""
    if progress is None:
        progress = 100 if status == CommitmentStatus.FULFILLED else commitment.progress
    _check_transition(commitment=commitment, status=status, progress=progress, note=note)
    return progress


def report_changes_nothing(
    *, commitment: Commitment, status: str, progress: int, note: str, has_evidence: bool
) -> bool:
    return (
        status == commitment.status
        and progress == commitment.progress
        and not note
        and not has_evidence
    )


def _record_report(
    *,
    commitment: Commitment,
    author,
    institution,
    status: str,
    progress: int | None,
    note: str = "",
    document=None,
    url: str = "",
    photo=None,
    cui: str = "",
    document_upload=None,
    milestones_reached=(),
    action: str = "workshops.commitment_report",
) -> CommitmentUpdate:
    """The one way a report enters the history, whoever gives it (a member of a responsible
    institution, or a facilitator's bulk update): checked, appended, applied, logged. The
    caller holds the commitment's row lock."""
    note = note.strip()
    url = url.strip()
    cui = cui.strip()
    progress = report_values(commitment=commitment, status=status, progress=progress, note=note)
    _check_evidence(url=url, cui=cui, photo=photo)
    if report_changes_nothing(
        commitment=commitment,
        status=status,
        progress=progress,
        note=note,
        has_evidence=bool(document or url or photo or cui or document_upload or milestones_reached),
    ):
        raise ValidationError(_("Nothing changed: give a new status, progress, note or evidence."))
    if document_upload is not None:
        document = document_from_upload(
            user=author,
            title=_("Evidence: %(what)s") % {"what": commitment.description[:200]},
            upload=document_upload,
        )
    update = CommitmentUpdate.objects.create(
        commitment=commitment,
        author=author,
        institution=institution,
        previous_status=commitment.status,
        status=status,
        previous_progress=commitment.progress,
        progress=progress,
        note=note,
        document=document,
        url=url,
        photo=_store_photo(photo),
        cui=cui,
    )
    _apply(commitment, status=status, progress=progress, when=update.created_at)
    reached = [milestone.pk for milestone in milestones_reached]
    if reached:
        commitment.milestones.filter(pk__in=reached, reached_on__isnull=True).update(
            reached_on=timezone.localdate(update.created_at)
        )
    log(
        instance=commitment,
        action=action,
        user=author,
        data={"status": status, "progress": progress, "update": update.pk, "milestones": reached},
    )
    return update


def _apply(commitment: Commitment, *, status: str, progress: int, when) -> None:
    if status == CommitmentStatus.FULFILLED and commitment.status != status:
        commitment.completed_on = timezone.localdate(when)
    elif status != CommitmentStatus.FULFILLED:
        commitment.completed_on = None
    commitment.status = status
    commitment.progress = progress
    commitment.last_change_at = when
    commitment.save(update_fields=["status", "progress", "completed_on", "last_change_at"])


def commitment_record_admin_change(
    *, commitment: Commitment, user, previous_status: str, previous_progress: int, note=""
) -> CommitmentUpdate | None:
    """A facilitator changed the status or progress in the admin (the commitment's own
    form or its workshop's): the change enters the history too, under their name."""
    if commitment.status == previous_status and commitment.progress == previous_progress:
        return None
    update = CommitmentUpdate.objects.create(
        commitment=commitment,
        author=user,
        institution=None,
        previous_status=previous_status,
        status=commitment.status,
        previous_progress=previous_progress,
        progress=commitment.progress,
        note=note or _("Recorded by the facilitators."),
    )
    Commitment.objects.filter(pk=commitment.pk).update(last_change_at=update.created_at)
    return update


@transaction.atomic
def commitment_judge(
    *,
    update: CommitmentUpdate,
    user,
    verdict: str,
    note: str = "",
    document=None,
    url: str = "",
    cui: str = "",
) -> CommitmentVerdict:
    """Confirm or contest a report (see `commitment_confirm` / `commitment_contest`)."""
    update = CommitmentUpdate.objects.select_related("commitment", "institution", "author").get(
        pk=update.pk
    )
    commitment = Commitment.objects.select_for_update().get(pk=update.commitment_id)
    if not may_judge(user, update):
        raise PermissionDenied(
            _(
                "Only members of institutions of another sector than the reporting "
                "institution's confirm or contest its report."
            )
        )
    note = note.strip()
    if verdict == Verdict.CONTEST and not note:
        raise ValidationError({"note": _("Say in a note why you contest this report.")})
    _check_evidence(url=url.strip(), cui=cui.strip(), photo=None)
    if CommitmentVerdict.objects.filter(update=update, institution=user.institution).exists():
        raise ValidationError(
            _("%(institution)s has already confirmed or contested this report.")
            % {"institution": user.institution.name}
        )
    given = CommitmentVerdict.objects.create(
        update=update,
        institution=user.institution,
        author=user,
        verdict=verdict,
        note=note,
        document=document,
        url=url.strip(),
        cui=cui.strip(),
    )
    commitment.last_change_at = given.created_at
    fields = ["last_change_at"]
    if verdict == Verdict.CONTEST:
        commitment.needs_review = True
        fields.append("needs_review")
    commitment.save(update_fields=fields)
    log(
        instance=commitment,
        action=f"workshops.commitment_{verdict}",
        user=user,
        data={"update": update.pk, "institution": user.institution.name},
    )
    template = "workshops/commitment_" + (
        "contested" if verdict == Verdict.CONTEST else "confirmed"
    )
    recipients = {update.author} if update.author_id and update.author.is_active else set()
    if verdict == Verdict.CONTEST:
        recipients |= set(facilitators())
    for recipient in recipients:
        notify(
            kind=f"commitment_{verdict}",
            template=template,
            context={"commitment": commitment, "verdict": given},
            recipient=recipient,
            url=commitment.get_absolute_url(),
        )
    return given


def commitment_confirm(*, update: CommitmentUpdate, user, **evidence) -> CommitmentVerdict:
    return commitment_judge(update=update, user=user, verdict=Verdict.CONFIRM, **evidence)


def commitment_contest(*, update: CommitmentUpdate, user, **evidence) -> CommitmentVerdict:
    return commitment_judge(update=update, user=user, verdict=Verdict.CONTEST, **evidence)


@transaction.atomic
def commitment_add_to_agenda(
    *, commitment: Commitment, workshop: Workshop, time, user, title: str = ""
) -> AgendaItem:
    """A facilitator puts a contested commitment on a coming workshop's agenda: it leaves
    the queue, and the workshop's page lists it."""
    if not is_facilitator(user):
        raise PermissionDenied
    if workshop.status in (WorkshopStatus.CANCELLED, WorkshopStatus.HELD) or workshop.is_past:
        raise ValidationError(_("Choose a workshop that has not taken place yet."))
    title = (
        title or _("Review of a contested commitment: %(what)s") % {"what": commitment.description}
    )[:200]
    position = workshop.agenda_items.count()
    item = AgendaItem.objects.create(
        workshop=workshop, time=time, title=title, commitment=commitment, sort_order=position
    )
    Commitment.objects.filter(pk=commitment.pk).update(needs_review=False)
    log(
        instance=commitment,
        action="workshops.commitment_to_agenda",
        user=user,
        data={"workshop": workshop.title, "workshop_id": workshop.pk},
    )
    return item


@transaction.atomic
def commitment_entry_hide(*, entry: CommitmentUpdate | CommitmentVerdict, user, reason: str):
    """A facilitator hides an abusive note of a report or verdict. The entry stays in the
    history (its status and date still count); the reason is kept in the audit log."""
    if not is_facilitator(user):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the note is hidden.")})
    entry.hidden_at = timezone.now()
    entry.hidden_reason = reason[:500]
    entry.save(update_fields=["hidden_at", "hidden_reason"])
    commitment = (
        entry.commitment if isinstance(entry, CommitmentUpdate) else entry.update.commitment
    )
    log(
        instance=commitment,
        action="workshops.commitment_note_hidden",
        user=user,
        data={"reason": reason, "entry": f"{entry._meta.model_name}:{entry.pk}"},
    )
    return entry


# ---- COMMITMENTS: THE FACILITATORS' BULK UPDATE (CSV), CHECKED ROW BY ROW


@dataclass
class PlannedRow:
    """One row of a bulk update, checked against the commitment as it is now: what it
    changes, or why it is refused (`error`). `unchanged` rows are skipped."""

    line: int
    raw: dict
    commitment: Commitment | None = None
    institution: Institution | None = None
    status: str = ""
    progress: int | None = None
    note: str = ""
    url: str = ""
    cui: str = ""
    changes: list[str] = field(default_factory=list)
    error: str = ""
    unchanged: bool = False

    @property
    def seen(self) -> str:
        """The commitment's state the row was checked against (see `commitment_bulk_plan`)."""
        return commitment_state(self.commitment) if self.commitment else ""


def commitment_state(commitment: Commitment) -> str:
    changed = commitment.last_change_at.isoformat() if commitment.last_change_at else ""
    return f"{commitment.status}:{commitment.progress}:{changed}"


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _status_names() -> dict[str, str]:
    """Every way a status may be written in a row: its code, its label in each language."""
    names = {}
    for code, label in CommitmentStatus.choices:
        names[_folded(code)] = code
        names[_folded(code.replace("_", " "))] = code
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                names[_folded(str(label))] = code
    return names


def _institution_index(names) -> dict[str, Institution]:
    """The institutions named in the rows, by folded name or (when no other institution
    shares it) short name."""
    wanted = {_folded(name) for name in names if name.strip()}
    if not wanted:
        return {}
    by_name, by_short = {}, {}
    for institution in Institution.objects.only("pk", "name", "short_name", "sector"):
        by_name[_folded(institution.name)] = institution
        if institution.short_name:
            by_short.setdefault(_folded(institution.short_name), []).append(institution)
    index = {key: found[0] for key, found in by_short.items() if len(found) == 1}
    index.update(by_name)
    return {key: index[key] for key in wanted if key in index}


def _first_message(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(message for messages in error.message_dict.values() for message in messages)
    return " ".join(error.messages)


def _row_id(raw) -> int | None:
    """A row's commitment id, if it can be one (plain digits, within the column's range)."""
    raw = str(raw).strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 9 else None


def _row_ids(rows: list[dict]) -> list[int]:
    return [pk for pk in {_row_id(row.get("id", "")) for row in rows} if pk is not None]


def commitment_bulk_plan(rows: list[dict], *, seen: dict | None = None) -> list[PlannedRow]:
    """Check every row of a bulk update (nothing is written): the commitment, the reporting
    institution (blank: the facilitators), the status, the progress, the note and the
    evidence, by the rules a member's report obeys. Rows are dicts of text read from the
    CSV (`line`, `id`, `status`, `progress`, `institution`, `note`, `url`, `cui`). With
    `seen` (commitment id -> `commitment_state` when previewed), a commitment changed
    since (another report, the same preview applied twice) is refused."""
    known = Commitment.objects.in_bulk(_row_ids(rows))
    supporters: dict[int, set[int]] = {}
    for commitment_id, institution_id in Commitment.supporting_institutions.through.objects.filter(
        commitment_id__in=known
    ).values_list("commitment_id", "institution_id"):
        supporters.setdefault(commitment_id, set()).add(institution_id)
    institutions = _institution_index(str(row.get("institution", "")) for row in rows)
    statuses = _status_names()
    lines: dict[int, int] = {}
    planned = []
    for row in rows:
        plan = PlannedRow(line=int(row.get("line", 0)), raw=row)
        planned.append(plan)
        try:
            _plan_row(plan, row, known, supporters, institutions, statuses, lines)
            if seen is not None and seen.get(str(plan.commitment.pk)) != plan.seen:
                raise ValidationError(
                    _("This commitment changed after the preview: upload the file again.")
                )
        except ValidationError as error:
            plan.error = _first_message(error)
    return planned


def _plan_row(plan, row, known, supporters, institutions, statuses, lines) -> None:
    raw_id = str(row.get("id", "")).strip()
    if _row_id(raw_id) not in known:
        raise ValidationError(_("Unknown commitment: “%(id)s”.") % {"id": raw_id[:20]})
    commitment = plan.commitment = known[int(raw_id)]
    if commitment.pk in lines:
        raise ValidationError(
            _("This commitment is already on line %(line)s: one row per commitment.")
            % {"line": lines[commitment.pk]}
        )
    lines[commitment.pk] = plan.line
    raw_institution = str(row.get("institution", "")).strip()
    if raw_institution:
        institution = institutions.get(_folded(raw_institution))
        if institution is None:
            raise ValidationError(
                _("Unknown institution: “%(name)s”.") % {"name": raw_institution[:200]}
            )
        responsible = {commitment.responsible_institution_id, *supporters.get(commitment.pk, ())}
        if institution.pk not in responsible:
            raise ValidationError(
                _("%(name)s is not responsible for this commitment: it cannot report on it.")
                % {"name": institution.name}
            )
        plan.institution = institution
    raw_status = str(row.get("status", "")).strip()
    if raw_status:
        plan.status = statuses.get(_folded(raw_status), "")
        if not plan.status:
            raise ValidationError(
                _("Unknown status: “%(status)s”. Use one of: %(choices)s.")
                % {
                    "status": raw_status[:40],
                    "choices": ", ".join(str(label) for label in CommitmentStatus.labels),
                }
            )
    else:
        plan.status = commitment.status
    raw_progress = str(row.get("progress", "")).strip().rstrip("%").strip()
    if raw_progress:
        try:
            plan.progress = int(raw_progress)
        except ValueError:
            plan.progress = -1
        if not 0 <= plan.progress <= 100:
            raise ValidationError(_("Progress is a percentage from 0 to 100."))
    if plan.status == CommitmentStatus.FULFILLED and plan.progress == commitment.progress:
        # The template's progress left as it was: fulfilled means 100 %.
        plan.progress = None
    plan.note = str(row.get("note", "")).strip()
    if len(plan.note) > 3000:
        raise ValidationError(_("The note is too long (3,000 characters at most)."))
    plan.url = str(row.get("url", "")).strip()
    plan.cui = str(row.get("cui", "")).strip()
    plan.progress = report_values(
        commitment=commitment, status=plan.status, progress=plan.progress, note=plan.note
    )
    _check_evidence(url=plan.url, cui=plan.cui, photo=None)
    if len(plan.url) > 500:
        raise ValidationError(_("The link is too long (500 characters at most)."))
    if report_changes_nothing(
        commitment=commitment,
        status=plan.status,
        progress=plan.progress,
        note=plan.note,
        has_evidence=bool(plan.url or plan.cui),
    ):
        plan.unchanged = True
        return
    plan.changes = _describe_changes(commitment, plan)


def _describe_changes(commitment: Commitment, plan: PlannedRow) -> list[str]:
    changes = []
    if plan.status != commitment.status:
        changes.append(
            _("Status: %(before)s → %(after)s")
            % {
                "before": commitment.get_status_display(),
                "after": CommitmentStatus(plan.status).label,
            }
        )
    if plan.progress != commitment.progress:
        changes.append(
            _("Progress: %(before)s %% → %(after)s %%")
            % {"before": commitment.progress, "after": plan.progress}
        )
    if plan.note:
        changes.append(_("Note: %(note)s") % {"note": plan.note[:120]})
    if plan.url:
        changes.append(_("Link: %(url)s") % {"url": plan.url[:120]})
    if plan.cui:
        changes.append(_("CUI: %(cui)s") % {"cui": plan.cui})
    return changes


@transaction.atomic
def commitments_bulk_update(
    *, rows: list[dict], user, seen: dict | None = None
) -> list[CommitmentUpdate]:
    """A facilitator's bulk update: every row checked again as the commitments are now
    (and, with `seen`, as they were at the preview), then each row with a change appended
    as a report, in one transaction. If any row is refused, nothing is applied
    (ValidationError listing the rows)."""
    if not is_facilitator(user):
        raise PermissionDenied
    # Locked first, so that nothing changes between the check and the writes.
    list(Commitment.objects.select_for_update().filter(pk__in=_row_ids(rows)))
    planned = commitment_bulk_plan(rows, seen=seen)
    refused = [plan for plan in planned if plan.error]
    if refused:
        raise ValidationError(
            [
                _("Line %(line)s: %(error)s") % {"line": plan.line, "error": plan.error}
                for plan in refused
            ]
        )
    to_apply = [plan for plan in planned if not plan.unchanged]
    locked = Commitment.objects.select_for_update().in_bulk(
        [plan.commitment.pk for plan in to_apply]
    )
    updates = []
    for plan in to_apply:
        commitment = locked[plan.commitment.pk]
        updates.append(
            _record_report(
                commitment=commitment,
                author=user,
                institution=plan.institution,
                status=plan.status,
                progress=plan.progress,
                note=plan.note or _("Recorded by the facilitators."),
                url=plan.url,
                cui=plan.cui,
                action="workshops.commitment_bulk_update",
            )
        )
    return updates


# ---- COMMITMENTS: REMINDERS TO THE RESPONSIBLE INSTITUTIONS, THE MONTHLY SUMMARY


def commitment_reminder_key(commitment: Commitment, kind: str, user_id: int) -> str:
    """One reminder of each kind ("due-soon", "overdue") per person and due date: a run
    twice sends nothing new; a due date moved earns a reminder for the new date."""
    return f"commitment:{commitment.pk}:{kind}:{commitment.due_date:%Y-%m-%d}:user:{user_id}"


def send_commitment_reminders(*, today=None) -> int:
    """Tell the members of the lead institution of each open commitment, once, that it is
    due within COMMITMENT_REMINDER_DAYS, and once that it is overdue. Closed commitments
    (fulfilled, not fulfilled, dropped) get nothing."""
    today = today or timezone.localdate()
    soon = today + timedelta(days=settings.COMMITMENT_REMINDER_DAYS)
    commitments = list(commitments_to_remind(today=today, until=soon))
    people = members_of_institutions({c.responsible_institution_id for c in commitments})
    sent = 0
    for commitment in commitments:
        kind = "overdue" if commitment.due_date < today else "due-soon"
        days = abs((commitment.due_date - today).days)
        for person in people.get(commitment.responsible_institution_id, ()):
            created = notify(
                kind=f"commitment_{kind.replace('-', '_')}",
                template=f"workshops/commitment_{kind.replace('-', '_')}",
                context={"commitment": commitment, "person": person, "days": days},
                recipient=person,
                url=_url_for(person, "workshops:commitment_report", pk=commitment.pk),
                dedupe_key=commitment_reminder_key(commitment, kind, person.pk),
            )
            sent += created is not None
    return sent


def _url_for(person, name: str, **kwargs) -> str:
    """The address in the person's language (the e-mail is written in it)."""
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        return reverse(name, kwargs=kwargs or None)


def monthly_summary_key(institution_id: int, month, user_id: int) -> str:
    return f"commitments:summary:{month:%Y-%m}:institution:{institution_id}:user:{user_id}"


def send_monthly_commitment_summaries(*, today=None) -> int:
    """To the members of each institution with open commitments (which it leads or
    supports), the list of them, overdue first; once per institution and month. An
    institution with no open commitment gets nothing."""
    today = today or timezone.localdate()
    by_institution = open_commitments_by_institution()
    people = members_of_institutions(by_institution)
    sent = 0
    for institution_id, commitments in by_institution.items():
        overdue = [c for c in commitments if c.due_date < today]
        coming = [c for c in commitments if c.due_date >= today]
        for person in people.get(institution_id, ()):
            created = notify(
                kind="commitment_summary",
                template="workshops/commitment_summary",
                context={
                    "institution": person.institution,
                    "person": person,
                    "overdue": overdue,
                    "coming": coming,
                    "total": len(commitments),
                },
                recipient=person,
                url=_url_for(person, "workshops:my_commitments"),
                dedupe_key=monthly_summary_key(institution_id, today, person.pk),
            )
            sent += created is not None
    return sent
