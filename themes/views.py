from django.shortcuts import get_object_or_404, render

from . import structured_data
from .selectors import themes_ordered


def theme_index(request):
    return render(request, "themes/theme_index.html", {"themes": list(themes_ordered())})


def theme_detail(request, slug):
    theme = get_object_or_404(themes_ordered(), slug=slug)
    other_themes = [other for other in themes_ordered() if other.pk != theme.pk]
    return render(
        request,
        "themes/theme_detail.html",
        {
            "theme": theme,
            "other_themes": other_themes,
            "json_ld": structured_data.theme_json_ld(theme, request),
        },
    )
