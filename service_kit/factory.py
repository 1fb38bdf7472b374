"""The start of both services' create_app: a Flask app with its settings read and checked."""

import os
from collections.abc import Callable, Mapping
from pathlib import Path

from dotenv import load_dotenv
from flask import Flask


def new_service_app(
    import_name: str,
    project_root: Path,
    load_config: Callable[..., dict],
    test_config: Mapping | None,
    app_class: type[Flask] = Flask,
) -> Flask:
    """An app_class app whose config is load_config(environment, test_config): .env in project_root fills in what the
    environment leaves unset (the environment wins), test_config wins over both; its instance folder exists."""
    load_dotenv(project_root / ".env", override=False)
    app = app_class(import_name, instance_path=str(project_root / "instance"), static_folder=None)
    app.config.from_mapping(load_config(os.environ, test_config))
    app.json.sort_keys = False  # keep fields in the order the schemas declare them
    os.makedirs(app.instance_path, exist_ok=True)  # the default SQLite files live there
    return app
