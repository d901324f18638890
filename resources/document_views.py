"""The download of a Wagtail document, through Wagtail's own view, with our headers.

Wagtail's view runs the `before_serve_document` hooks (resources.document_access decides
who may download) and streams the file. Here the response gets what Wagtail leaves out:
members-only files must not sit in a shared cache and are sandboxed like the lessons'
attachments, and the literal ``Content-Encoding: None`` that Wagtail writes for files
without an encoding is dropped (it tells clients the body is encoded with "None").
"""

from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve

from . import document_access

SANDBOX = "default-src 'none'; sandbox"


def serve(request, document_id, document_filename):
    response = wagtail_serve(request, document_id, document_filename)
    if response.get("Content-Encoding") in {"None", ""}:
        del response["Content-Encoding"]
    if response.status_code in {200, 206, 304}:
        response["Content-Security-Policy"] = SANDBOX
        document = get_document_model().objects.get(pk=document_id)
        if not document_access.is_public(document):
            response["Cache-Control"] = "private, max-age=0, no-store"
    return response
