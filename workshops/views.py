"""Workshop pages for members and the public. Being built."""

from django.http import Http404


def workshop_list(request, **kwargs):
    raise Http404


public_calendar = personal_calendar = workshop_detail = register = cancel = workshop_list
workshop_ics = my_workshops = regenerate_calendar_token = workshop_list
