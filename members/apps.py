from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from django.conf import settings
        from PIL import Image

        from .exports import spreadsheets_for_excel
        from .form_fields import (
            refuse_out_of_range_keys,
            refuse_tampered_inline_rows,
            show_choosers_of_refused_values_empty,
        )
        from .licence import connect as watch_licence
        from .membership import connect as watch_memberships

        # Pillow refuses to open images over twice this many pixels (and warns over it):
        # the same limit as uploads, so that no image bomb is decoded anywhere.
        Image.MAX_IMAGE_PIXELS = settings.UPLOAD_IMAGE_MAX_PIXELS

        # Impossible keys in a multiple choice are form errors, not 500s.
        refuse_out_of_range_keys()
        refuse_tampered_inline_rows()
        show_choosers_of_refused_values_empty()
        # Spreadsheets that Excel opens right and that carry no live formula.
        spreadsheets_for_excel()
        # Who stops being a member is told to the apps above (workshops free their seats).
        watch_memberships()
        # The licence is cached for the pages' JSON-LD: forgotten when facilitators change it.
        watch_licence()
