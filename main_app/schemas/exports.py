"""A studio's export at the edge: its job as the API shows it."""

from marshmallow import fields

from service_kit.schemas import BaseSchema


class ExportSchema(BaseSchema):
    id = fields.Integer()
    status = fields.String(metadata={"description": "running, ready or failed"})
    rows_total = fields.Integer(metadata={"description": "Rows counted when it started: with rows_done, progress"})
    rows_done = fields.Integer()
    size = fields.Integer(allow_none=True, metadata={"description": "The ZIP's bytes, once ready"})
    failure = fields.String(allow_none=True, metadata={"description": "Why a failed export could not be written"})
    created_at = fields.String()
    finished_at = fields.String(allow_none=True)
    expires_at = fields.String(allow_none=True)
    downloaded_at = fields.String(allow_none=True)
    download_url = fields.String(metadata={"description": "The one-use link: in the answer that made it, only"})
