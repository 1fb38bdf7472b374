"""A studio export as the import reads it: its manifest checked, then each CSV file rewritten as JSON lines (one row
a line, whatever newlines its cells hold) in the import's folder, so a step starts at the byte the last one left."""

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

from flask import current_app

from service_kit.spreadsheets import original_cell

from ...error_codes import api_error
from .restore_plan import ORDER, SINCE

FORMAT, VERSIONS = "booking-platform/studio-export", (1, 2, 3, 4, 5, 6)
GUARDED_SINCE = 4  # cells are spreadsheet-safe from this version on: read back with original_cell
MINOR = "_minor"  # from version 5 a money column's name ends with its unit: amount_minor is the column amount
BOOK_FILES = ("client_book", "client_notes", "client_tags")  # the CRM's, told to it once the rest is in


def import_dir(import_id: int) -> Path:
    """Where an import's files wait: EXPORTS_DIR (or the instance folder's exports/), imports/studio-import-<id>/."""
    base = current_app.config["EXPORTS_DIR"] or Path(current_app.instance_path) / "exports"
    return Path(base) / "imports" / f"studio-import-{import_id}"


def read_manifest(zip_path: Path) -> dict:
    """The export's manifest, {file: rows} of the files the import writes; 400 import_file_invalid for a file that
    is not a ZIP, another format or version, or one lacking a file."""
    try:
        with zipfile.ZipFile(zip_path) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
            if unpacked > current_app.config["STUDIO_IMPORT_MAX_UNPACKED_BYTES"]:
                raise api_error("import_file_invalid", reason="its files unpacked are larger than this install takes")
            manifest = json.loads(archive.read("manifest.json"))
            names = set(archive.namelist())
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise api_error("import_file_invalid", reason="it is not a studio export (a ZIP with its manifest)") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or manifest.get("version") not in VERSIONS:
        raise api_error("import_file_invalid", reason="it is not a studio export this version reads")
    older = {name for name, version in SINCE.items() if manifest["version"] < version}
    missing = [name for name, _model in ORDER if f"{name}.csv" not in names and name not in older]
    if missing:
        raise api_error("import_file_invalid", reason=f"it lacks {', '.join(f'{name}.csv' for name in missing)}")
    rows = {entry.get("name"): entry.get("rows") for entry in manifest.get("files", []) if isinstance(entry, dict)}
    return {name: rows.get(f"{name}.csv") if isinstance(rows.get(f"{name}.csv"), int) else 0 for name, _m in ORDER}


def unpack(zip_path: Path, target: Path) -> None:
    """Each file the import writes as <file>.jsonl in target: its header on the first line, a row a line."""
    target.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(zip_path) as archive:
            guarded = json.loads(archive.read("manifest.json"))["version"] >= GUARDED_SINCE  # read_manifest checked it
            for name in [name for name, _model in ORDER] + list(BOOK_FILES):
                _unpack_file(archive, name, target / f"{name}.jsonl", guarded)
    except (zipfile.BadZipFile, UnicodeDecodeError, csv.Error, OSError) as exc:
        shutil.rmtree(target, ignore_errors=True)
        raise api_error("import_file_invalid", reason=f"a file of it cannot be read ({type(exc).__name__})") from None


def _unpack_file(archive: zipfile.ZipFile, name: str, target: Path, guarded: bool) -> None:
    """One CSV file as JSON lines, each cell as it was before the export guarded it; a file an older version lacks
    as a header alone."""
    with target.open("w", encoding="utf-8") as out:
        if f"{name}.csv" not in archive.namelist():
            out.write("[]\n")
            return
        with archive.open(f"{name}.csv") as raw:
            rows = csv.reader(io.TextIOWrapper(raw, encoding="utf-8", newline=""))
            header = [original_cell(text) if guarded else text for text in next(rows, [])]
            out.write(json.dumps([key.removesuffix(MINOR) for key in header], ensure_ascii=False) + "\n")
            for row in rows:
                row = [original_cell(text) for text in row] if guarded else row
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_rows(path: Path, offset: int, size: int, stop=None) -> tuple[list[dict], int, bool]:
    """(up to size rows of a JSON lines file from byte offset, as dicts; the byte after them; whether rows are
    left). stop(row, rows before it) ends the chunk before a row that must wait for the next."""
    rows = []
    with path.open("rb") as lines:
        header = json.loads(lines.readline())
        if offset:
            lines.seek(offset)
        while len(rows) < size:
            start, line = lines.tell(), lines.readline()
            if not line:
                return rows, start, False
            row = dict(zip(header, json.loads(line), strict=False))
            if rows and stop is not None and stop(row, rows):
                return rows, start, True
            rows.append(row)
        return rows, lines.tell(), bool(lines.readline())


def remove(import_id: int) -> None:
    """The import's files, gone (it ended)."""
    shutil.rmtree(import_dir(import_id), ignore_errors=True)
