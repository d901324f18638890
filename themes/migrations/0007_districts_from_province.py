"""The free-text place of each contribution becomes its districts (members.District).

- a district name (as the old form offered them, per province) -> that district; names
  are compared without accents or case, so "ichuna" finds Ichuña;
- a province without a district, or a district name that is not one of the province's
  -> every district of the province: the lesson concerns the whole province, and so it
  shows on the province's page and on each district's page, and the province filter
  still finds it.

The saved revisions (drafts waiting for their author, the moderation history) get the
same districts, so that reopening a draft keeps its place.
"""

import unicodedata

from django.db import migrations

PROVINCE_SLUGS = {
    "mariscal_nieto": "mariscal-nieto",
    "general_sanchez_cerro": "general-sanchez-cerro",
    "ilo": "ilo",
}
BATCH = 500


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def places(apps):
    District = apps.get_model("members", "District")
    by_province: dict[str, list] = {}
    for district in District.objects.select_related("province").order_by("ubigeo"):
        by_province.setdefault(district.province.slug, []).append(district)

    def districts_of(province: str, district: str) -> list[int]:
        candidates = by_province.get(PROVINCE_SLUGS.get(province, ""), [])
        if not candidates:
            return []
        if district:
            named = [d.pk for d in candidates if _plain(d.name) == _plain(district)]
            if named:
                return named
        return [d.pk for d in candidates]

    return districts_of


def _revisions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="themes", model="contribution").first()
    if content_type is None:
        return Revision.objects.none()
    return Revision.objects.filter(base_content_type=content_type)


def forwards(apps, schema_editor):
    Contribution = apps.get_model("themes", "Contribution")
    through = Contribution.districts.through
    districts_of = places(apps)
    links = []
    for pk, province, district in Contribution.objects.exclude(province="").values_list(
        "pk", "province", "district"
    ):
        links += [
            through(contribution_id=pk, district_id=d) for d in districts_of(province, district)
        ]
    through.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)

    rewrite_revisions(apps, districts_of)


def rewrite_revisions(apps, districts_of) -> None:
    """The saved versions of the contributions: province and district become districts."""
    changed = []
    for revision in _revisions(apps).only("pk", "content").iterator(chunk_size=BATCH):
        content = revision.content or {}
        if "province" not in content and "district" not in content:
            continue
        province, district = content.pop("province", ""), content.pop("district", "")
        content["districts"] = districts_of(province, district)
        changed.append(revision)
    if changed:
        type(changed[0]).objects.bulk_update(changed, ["content"], batch_size=BATCH)


def backwards(apps, schema_editor):
    """A single district comes back as province and district; several, as the province
    of the first (the old fields held one place)."""
    Contribution = apps.get_model("themes", "Contribution")
    District = apps.get_model("members", "District")
    slugs = {slug: key for key, slug in PROVINCE_SLUGS.items()}
    places = {
        d.pk: (slugs[d.province.slug], d.name) for d in District.objects.select_related("province")
    }

    def old_fields(district_ids):
        if not district_ids:
            return "", ""
        province, name = places[district_ids[0]]
        return province, name if len(district_ids) == 1 else ""

    for contribution in Contribution.objects.prefetch_related("districts"):
        ids = sorted(d.pk for d in contribution.districts.all())
        contribution.province, contribution.district = old_fields(ids)
        contribution.save(update_fields=["province", "district"])
    changed = []
    for revision in _revisions(apps).only("pk", "content").iterator(chunk_size=BATCH):
        content = revision.content or {}
        if "districts" not in content:
            continue
        content["province"], content["district"] = old_fields(content.pop("districts") or [])
        changed.append(revision)
    if changed:
        type(changed[0]).objects.bulk_update(changed, ["content"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("themes", "0006_contribution_districts"),
        ("members", "0008_moquegua_places"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
