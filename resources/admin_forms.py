"""Wagtail's document and image forms, with every uploaded file checked by its content.

Set as WAGTAILDOCS_DOCUMENT_FORM_BASE and WAGTAILIMAGES_IMAGE_FORM_BASE, so they cover each
way a file reaches Wagtail: the add and edit views, the multiple upload and the upload tab of
the choosers (a resource's file, a workshop's materials, an image in a page). The check is
on the "file" field, so Wagtail's multiple upload refuses the file at once instead of keeping
it aside for later; for images it runs before Wagtail opens the file.
"""

from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
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

    def _post_clean(self):
        # A refused file: the model's own check of its extension would only add noise.
        if self.has_error("file"):
            return
        super()._post_clean()


class CheckedImageField(WagtailImageField):
    """Checked before Willow opens the image, so that its refusal is the one shown."""

    def to_python(self, data):
        return super().to_python(_checked(data, uploads.IMAGE))


class CheckedImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Swapped here rather than declared: a declared field would come back in Wagtail's
        # forms that leave the file out (the multiple upload's metadata form).
        wagtail_field = self.fields.get("file")
        if wagtail_field is not None:
            self.fields["file"] = CheckedImageField(
                label=wagtail_field.label,
                required=wagtail_field.required,
                widget=wagtail_field.widget,
            )
