"""Reading published contributions. Being built."""

from django.http import Http404


def lesson_list(request, **kwargs):
    raise Http404


lesson_detail = attachment_download = comment_create = comment_hide = lesson_list
