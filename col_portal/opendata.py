"""The open data: each app's datasets (`<app>/datasets.py`, Table Schemas over the public
selectors) written as CSV and JSON, with a Frictionless Data Package (v1) describing them
all, into a public folder of the default storage (MEDIA: `datos-abiertos/`), where the web
server serves them as static files.

The files are plain csv/json written here to the Data Package specification
(https://specs.frictionlessdata.io/data-package/); the `frictionless` library is only used
by the tests, to validate what is written.

- CSV: UTF-8 with a byte order mark (Excel shows the accents right), comma separated,
  a header row of field names, lists joined with "; ".
- JSON: an array of objects keyed by field name, lists as arrays.
- `datapackage.json`: a tabular data package naming the licence (members.licence), in
  Spanish with English beside it, and for each CSV its Table Schema (types, descriptions,
  primary and foreign keys), row count, size and hash; `datos-abiertos.zip` holds it all.

Every file is written whole under a temporary name and then renamed over the old one
(`os.replace` on local disk; one PUT on an object store), so a reader never gets half a
file. A file whose content did not change is not rewritten, and keeps its date. What was
written is recorded in `OpenDataFile` rows, which the "Datos abiertos" page reads.

`build()` is never called on a request: the Celery task `col_portal.tasks.rebuild_open_data`
runs it nightly (CELERY_BEAT_SCHEDULE) and, debounced, after a publication
(col_portal.opendata_schedule).
"""

import csv
import hashlib
import json
import logging
import os
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from members.cache_versions import CONTENT
from members.datasets import districts_dataset, institutions_dataset, provinces_dataset
from members.licence import current_licence
from members.links import absolute_url
from members.models import ContentLicence, Institution, User
from members.selectors import community_institutions
from members.table_schema import Dataset
from resources.datasets import resources_dataset
from resources.selectors import public_resources
from themes.datasets import lessons_dataset
from themes.selectors import public_contributions
from workshops.datasets import (
    agreement_spaces_dataset,
    commitment_milestones_dataset,
    commitment_updates_dataset,
    commitment_verdicts_dataset,
    commitments_dataset,
    workshops_dataset,
)
from workshops.models import Commitment, CommitmentUpdate, CommitmentVerdict
from workshops.selectors import public_agreement_spaces, public_commitments

from .models import OpenDataFile

logger = logging.getLogger(__name__)

DESCRIPTOR = "datapackage.json"
ARCHIVE = "datos-abiertos.zip"
PACKAGE_NAME = "comunidad-aprendizaje-moquegua"

# Open Definition identifiers of the licences (https://licenses.opendefinition.org/).
LICENCE_IDS = {
    ContentLicence.CC_BY_4: "CC-BY-4.0",
    ContentLicence.CC_BY_SA_4: "CC-BY-SA-4.0",
    ContentLicence.CC0_1: "CC0-1.0",
    ContentLicence.ODC_BY_1: "ODC-BY-1.0",
}

# When the last build finished (a timestamp), for col_portal.opendata_schedule.
BUILT_KEY = "col:opendata:built-at"


def folder() -> str:
    return settings.OPEN_DATA_FOLDER.strip("/")


def storage_name(file_name: str) -> str:
    return f"{folder()}/{file_name}"


def file_url(file_name: str) -> str:
    return default_storage.url(storage_name(file_name))


def published_institutions():
    """Every institution the open data names: the Community's (Core Group, with members),
    and those named by public lessons, library resources, commitments (responsible,
    supporting, reporting, judging) and agreement spaces — so that each foreign key of the
    package finds its institution."""
    public = public_contributions()
    commitments = public_commitments().order_by().values("pk")
    named = (
        Q(pk__in=community_institutions().values("pk"))
        | Q(pk__in=public.values("author_institution"))
        | Q(pk__in=User.objects.filter(coauthored_contributions__in=public).values("institution"))
        | Q(pk__in=public_resources().values("institutions"))
        | Q(pk__in=public_commitments().values("responsible_institution"))
        | Q(
            pk__in=Commitment.supporting_institutions.through.objects.filter(
                commitment__in=commitments
            ).values("institution")
        )
        | Q(pk__in=public_agreement_spaces().values("convener"))
        | Q(
            pk__in=CommitmentUpdate.objects.filter(commitment__in=commitments).values("institution")
        )
        | Q(
            pk__in=CommitmentVerdict.objects.filter(update__commitment__in=commitments).values(
                "institution"
            )
        )
    )
    return Institution.objects.filter(named)


def datasets() -> list[Dataset]:
    """The datasets, in the order the page and the package list them."""
    return [
        lessons_dataset(),
        workshops_dataset(),
        agreement_spaces_dataset(),
        commitments_dataset(),
        commitment_updates_dataset(),
        commitment_verdicts_dataset(),
        commitment_milestones_dataset(),
        institutions_dataset(published_institutions()),
        resources_dataset(),
        provinces_dataset(),
        districts_dataset(),
    ]


def package_texts() -> dict:
    """Title and description of the package, in Spanish with English beside it."""
    title = _("Open data of the Moquegua Community of Learning")
    description = _(
        "Lessons and experiences, workshops, the commitments register (agreement spaces, "
        "commitments, their history and confirmations), institutions, library resources, "
        "and the provinces and districts of the region, published by the Moquegua "
        "Community of Learning on mining governance. "
        "Only what the portal shows to every visitor: nothing members-only, no drafts, "
        "no personal data."
    )
    texts = {}
    for key, text in (("title", title), ("description", description)):
        for language, suffix in (("es", ""), ("en", "_en")):
            with translation.override(language):
                texts[f"{key}{suffix}"] = str(text)
    return texts


# ---- Writing


@dataclass
class Written:
    name: str
    dataset: str
    format: str
    rows: int | None
    path: Path
    digest: str


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            sha.update(block)
    return sha.hexdigest()


def _write_dataset(dataset: Dataset, work: Path) -> tuple[Written, Written]:
    """The dataset's CSV and JSON under `work`, from one pass over its rows."""
    csv_path = work / f"{dataset.name}.csv"
    json_path = work / f"{dataset.name}.json"
    count = 0
    with (
        csv_path.open("w", encoding="utf-8-sig", newline="") as csv_file,
        json_path.open("w", encoding="utf-8") as json_file,
    ):
        writer = csv.writer(csv_file, lineterminator="\r\n")
        writer.writerow(dataset.field_names)
        json_file.write("[")
        for row in dataset.rows():
            writer.writerow(dataset.csv_row(row))
            text = json.dumps(dataset.json_row(row), ensure_ascii=False, cls=DjangoJSONEncoder)
            json_file.write(("\n" if count == 0 else ",\n") + text)
            count += 1
        json_file.write("\n]\n")
    return (
        Written(csv_path.name, dataset.name, "csv", count, csv_path, _digest(csv_path)),
        Written(json_path.name, dataset.name, "json", count, json_path, _digest(json_path)),
    )


def _descriptor(sets: list[Dataset], csv_files: dict[str, Written], records) -> dict:
    licence = current_licence()
    modified = [record.modified_at for record in records.values()]
    last_modified = max(modified) if modified else timezone.now()
    resources = []
    for dataset in sets:
        written = csv_files[dataset.name]
        record = records[written.name]
        resources.append(
            {
                "name": dataset.name,
                "path": written.name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                **_texts(dataset),
                "bytes": written.path.stat().st_size,
                "hash": f"sha256:{written.digest}",
                "count_of_rows": written.rows,
                "last_modified": _utc(record.modified_at),
                "json_path": f"{dataset.name}.json",
                "schema": dataset.schema(),
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "id": absolute_url(reverse("open_data")),
        **package_texts(),
        "homepage": absolute_url(reverse("open_data")),
        "licenses": [
            {
                "name": LICENCE_IDS.get(licence.url, licence.name),
                "path": licence.url,
                "title": licence.name,
            }
        ],
        "language": ["es", "en"],
        "keywords": [
            "gobernanza minera",
            "Moquegua",
            "lecciones aprendidas",
            "canon minero",
            "datos abiertos",
        ],
        "created": _utc(last_modified),
        "last_modified": _utc(last_modified),
        "resources": resources,
    }


def _texts(dataset: Dataset) -> dict:
    texts = {}
    for key in ("title", "description"):
        for language, suffix in (("es", ""), ("en", "_en")):
            with translation.override(language):
                texts[f"{key}{suffix}"] = str(getattr(dataset, key))
    return texts


def _utc(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _publish(source: Path, file_name: str, storage) -> int:
    """Put `source` at the file's place in `storage` as one step: a reader gets the old
    file or the new one, never a part. Returns its size."""
    name = storage_name(file_name)
    try:
        target = Path(storage.path(name))
    except NotImplementedError:
        target = None
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, part = tempfile.mkstemp(dir=target.parent, prefix=f".{file_name}.", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out, source.open("rb") as data:
                for block in iter(lambda: data.read(1 << 16), b""):
                    out.write(block)
            os.chmod(part, settings.FILE_UPLOAD_PERMISSIONS or 0o644)
            os.replace(part, target)
        except BaseException:
            Path(part).unlink(missing_ok=True)
            raise
    else:
        # An object store (S3): one PUT replaces the object whole. Storages that would
        # pick another name for an existing file get the old one deleted first.
        if storage.exists(name) and storage.get_available_name(name) != name:
            storage.delete(name)
        with source.open("rb") as data:
            storage.save(name, File(data, name=file_name))
    return source.stat().st_size


def _record(written: Written, size: int, previous, now, changed: bool) -> OpenDataFile:
    record, _created = OpenDataFile.objects.update_or_create(
        name=written.name,
        defaults={
            "dataset": written.dataset,
            "format": written.format,
            "rows": written.rows,
            "size": size,
            "digest": written.digest,
            "modified_at": now if changed or previous is None else previous.modified_at,
            "checked_at": now,
        },
    )
    return record


def _write_all(storage, now) -> bool:
    """Write what changed; True if any file did."""
    previous = {record.name: record for record in OpenDataFile.objects.all()}
    sets = datasets()
    records: dict[str, OpenDataFile] = {}
    csv_files: dict[str, Written] = {}
    any_changed = False
    with tempfile.TemporaryDirectory(prefix="col-opendata-") as tmp:
        work = Path(tmp)
        with _snapshot():
            outputs = [_write_dataset(dataset, work) for dataset in sets]
        for csv_written, json_written in outputs:
            csv_files[csv_written.dataset] = csv_written
            for written in (csv_written, json_written):
                before = previous.get(written.name)
                changed = (
                    before is None
                    or before.digest != written.digest
                    or not storage.exists(storage_name(written.name))
                )
                size = _publish(written.path, written.name, storage) if changed else before.size
                any_changed |= changed
                records[written.name] = _record(written, size, before, now, changed)

        descriptor_path = work / DESCRIPTOR
        csv_records = {name: records[name] for name in (f.name for f in csv_files.values())}
        descriptor = _descriptor(sets, csv_files, csv_records)
        descriptor_path.write_text(
            json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        package = Written(DESCRIPTOR, "", "datapackage", None, descriptor_path, "")
        package.digest = _digest(descriptor_path)
        before = previous.get(DESCRIPTOR)
        changed = (
            before is None
            or before.digest != package.digest
            or not storage.exists(storage_name(ARCHIVE))
        )
        if changed:
            archive_path = work / ARCHIVE
            with zipfile.ZipFile(archive_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for written in [*outputs]:
                    for item in written:
                        archive.write(item.path, item.name)
                archive.write(descriptor_path, DESCRIPTOR)
            archive_written = Written(ARCHIVE, "", "zip", None, archive_path, package.digest)
            # The files the descriptor names are in place: now the descriptor, then all.
            _record(package, _publish(descriptor_path, DESCRIPTOR, storage), before, now, True)
            _record(
                archive_written,
                _publish(archive_path, ARCHIVE, storage),
                previous.get(ARCHIVE),
                now,
                True,
            )
            any_changed = True
        else:
            OpenDataFile.objects.filter(name__in=[DESCRIPTOR, ARCHIVE]).update(checked_at=now)
    return any_changed


class _snapshot:
    """One consistent view of the database for all the datasets (PostgreSQL's REPEATABLE
    READ), so that each foreign key of the package finds its row; inside a transaction
    already begun, that transaction's view."""

    def __enter__(self):
        self._atomic = None
        if not connection.in_atomic_block:
            self._atomic = transaction.atomic()
            self._atomic.__enter__()
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        return self

    def __exit__(self, *exc):
        if self._atomic is not None:
            return self._atomic.__exit__(*exc)
        return False


def build(*, storage=None) -> bool:
    """Write the open data now; True if any file changed. Tells the page cache when so."""
    storage = storage or default_storage
    now = timezone.now()
    changed = _write_all(storage, now)
    cache.set(BUILT_KEY, now.timestamp(), None)
    if changed:
        CONTENT.changed()
    logger.info("Open data rebuilt (%s).", "changed" if changed else "unchanged")
    return changed
