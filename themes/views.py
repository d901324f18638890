from django.shortcuts import get_object_or_404, render

from .models import Theme
from .selectors import themes_ordered


def theme_index(request):
    return render(request, "themes/theme_index.html", {"themes": themes_ordered()})


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    return render(request, "themes/theme_detail.html", {"theme": theme})
