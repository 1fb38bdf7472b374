"""A client import at the edge: the file with its mapping, what a dry run found, and the job."""

from marshmallow import fields, validate

from main_app.services.imports import BOOKING_FIELDS, FIELDS, KINDS, SOURCES
from service_kit.schemas import BaseSchema

MAX_FILE = 8 * 1024 * 1024  # CLIENT_IMPORT_MAX_BYTES bounds the body before this


class ClientImportBodySchema(BaseSchema):
    """POST /api/studios/<slug>/client-imports (and …/dry-run): the CSV's text and how its columns map to ours."""

    csv = fields.String(
        required=True,
        validate=validate.Length(min=1, max=MAX_FILE),
        metadata={"description": "The file's text (UTF-8), its first line the headers"},
    )
    source = fields.String(
        validate=validate.OneOf(SOURCES),
        metadata={"description": "mindbody, momence or csv; found from the headers when not given"},
    )
    mapping = fields.Dict(
        keys=fields.String(validate=validate.OneOf(list(FIELDS | BOOKING_FIELDS))),
        values=fields.String(validate=validate.Length(min=1, max=200)),
        metadata={"description": "{our field: the file's column}; the source's ready mapping when not given"},
    )
    day_first = fields.Boolean(metadata={"description": "Slashed dates are day first (31/12/2026); Mindbody's are not"})
    kind = fields.String(
        validate=validate.OneOf(KINDS),
        metadata={
            "description": "What the file holds: clients (with their passes; the default) or bookings (a row "
            "per client and upcoming class, paid in the system they leave)"
        },
    )


class RowErrorSchema(BaseSchema):
    line = fields.Integer(metadata={"description": "The file's line (the headers are line 1)"})
    field = fields.String()
    message = fields.String()


class ImportCheckSchema(BaseSchema):
    """What importing the file does: the mapping used, the counts, every row's error (the first 500) and a preview."""

    kind = fields.String()
    source = fields.String()
    headers = fields.List(fields.String())
    mapping = fields.Dict(keys=fields.String(), values=fields.String())
    day_first = fields.Boolean()
    rows_total = fields.Integer()
    rows_ok = fields.Integer(metadata={"description": "Rows that pass: the ones an import writes"})
    new_accounts = fields.Integer()
    passes = fields.Integer(metadata={"description": "Rows bringing a pass balance"})
    bookings = fields.Integer(metadata={"description": "Rows booking a seat of an upcoming class"})
    errors_total = fields.Integer()
    errors = fields.List(fields.Nested(RowErrorSchema))
    preview = fields.List(fields.Dict(), metadata={"description": "The first rows that pass, as they will be written"})
    fields_ = fields.Dict(
        attribute="fields", data_key="fields", metadata={"description": "Our fields, with what each holds"}
    )


class ClientImportSchema(BaseSchema):
    """An import's progress and what its rows came to."""

    id = fields.Integer()
    status = fields.String(metadata={"description": "running, done or failed"})
    kind = fields.String(metadata={"description": "clients or bookings"})
    source = fields.String()
    rows_total = fields.Integer()
    rows_done = fields.Integer()
    accounts_made = fields.Integer()
    clients_found = fields.Integer(metadata={"description": "Existing accounts added to the studio's clients"})
    passes_opened = fields.Integer()
    bookings_made = fields.Integer(metadata={"description": "Seats of upcoming classes booked"})
    unchanged = fields.Integer(metadata={"description": "Rows an import brought in before"})
    refused = fields.Integer(
        metadata={
            "description": "Rows refused when written: an email that became a staff account's, a class full "
            "or cancelled meanwhile"
        }
    )
    failure = fields.String(allow_none=True)
    created_at = fields.String()
    finished_at = fields.String(allow_none=True)
    check = fields.Nested(ImportCheckSchema, metadata={"description": "The file's check (the answer that started it)"})


class StudioImportSchema(BaseSchema):
    """A studio import's progress: the file it is writing and the rows each file gave."""

    id = fields.Integer()
    status = fields.String(metadata={"description": "running, done or failed (and then nothing it wrote is kept)"})
    file = fields.String(allow_none=True, metadata={"description": "The file being written (clients, events, ...)"})
    files_done = fields.Integer()
    files_total = fields.Integer()
    rows_total = fields.Integer(metadata={"description": "The rows the export's manifest counts"})
    rows_done = fields.Integer()
    written = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={"description": "{file: rows}"})
    failure = fields.String(allow_none=True)
    created_at = fields.String()
    finished_at = fields.String(allow_none=True)
