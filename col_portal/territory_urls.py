from django.urls import path

from . import territory

app_name = "territory"

urlpatterns = [
    path("territorio/", territory.territory_index, name="index"),
    path("territorio/<slug:province>/", territory.province_detail, name="province"),
    path(
        "territorio/<slug:province>/<slug:district>/",
        territory.district_detail,
        name="district",
    ),
]
