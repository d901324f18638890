import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "col_portal.settings")

application = get_wsgi_application()

from col_portal.checks import refuse_to_start_without_a_shared_cache  # noqa: E402

refuse_to_start_without_a_shared_cache()
