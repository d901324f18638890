"""Wagtail's document and image forms, with every uploaded file checked by its content.

Set as WAGTAILDOCS_DOCUMENT_FORM_BASE and WAGTAILIMAGES_IMAGE_FORM_BASE, so they cover each
way a file reaches Wagtail: the add and edit views, the multiple upload and the upload tab of
the choosers (a resource's file, a workshop's materials, an image in a page). The check is
on the "file" field, so Wagtail's multiple upload refuses the file at once instead of keeping
it aside for later.
"""

from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from members import uploads


def _checked(upload, kind: str):
    if isinstance(upload, UploadedFile):
        checked = uploads.check_upload(upload, kind=kind)
        # Stored under a name made only of the original's words and the type found in it.
        upload.name = checked.safe_name
    return upload


class CheckedDocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].widget.attrs["accept"] = ",".join(
                uploads.accepted_extensions(uploads.DOCUMENT)
            )

    def clean_file(self):
        return _checked(self.cleaned_data.get("file"), uploads.DOCUMENT)


class CheckedImageForm(BaseImageForm):
    def clean_file(self):
        return _checked(self.cleaned_data.get("file"), uploads.IMAGE)
