"""The Content-Security-Policy header: django-csp's middleware with a second policy for the
Wagtail admin.

The public site and the members' pages get settings.CONTENT_SECURITY_POLICY (no inline
script at all, no nonce, so that cached anonymous pages stay valid). The Wagtail admin
(settings.CSP_ADMIN_PATH_PREFIX) gets settings.CONTENT_SECURITY_POLICY_ADMIN, which loosens
only what Wagtail's own admin needs (see the settings). A view decorated with csp_replace,
csp_update or csp_exempt keeps its own choice.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path_info.startswith(settings.CSP_ADMIN_PATH_PREFIX):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        elif getattr(request, "is_dummy", False):
            # Wagtail renders a page's preview by running a made-up request for the page's
            # own URL through the middleware, then shows it in a frame of the editor: the
            # public policy, but the admin (same origin) may frame it.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts
