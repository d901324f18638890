"""View decorators shared by every app (the ground floor)."""

from functools import wraps


def referrer_same_origin(view):
    """Send the page's address only to this site (``Referrer-Policy: same-origin``).

    For pages whose address carries a secret (an invitation token) or that show one (the
    personal calendar address): a link followed to another site sends no Referer, while
    the page's own forms still reach us with their real Origin. A ``<meta name="referrer"
    content="no-referrer">`` would make the browser send ``Origin: null`` with those forms,
    and Django's CSRF check refuses that (403).
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    return wrapper
