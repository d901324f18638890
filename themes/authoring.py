"""Members writing their contributions (front-end forms). Being built."""

from django.http import Http404


def my_contributions(request):
    raise Http404


contribution_create = contribution_edit = contribution_preview = my_contributions
contribution_submit = contribution_withdraw = my_contributions
