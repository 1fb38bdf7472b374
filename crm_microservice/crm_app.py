"""Seed entry point: `python crm_microservice/crm_app.py` (or `cd crm_microservice; python crm_app.py`)."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT_ROOT = os.path.dirname(HERE)
# Run as a script, Python puts this folder first on sys.path, where our module names (config, models,
# errors...) would shadow top-level imports; the project root is what makes the package importable.
sys.path[:] = [path for path in sys.path if os.path.abspath(path or os.curdir) != HERE]
sys.path.insert(0, PROJECT_ROOT)

from crm_microservice import create_app  # noqa: E402  (needs the sys.path fix above)


def main() -> None:
    """Run the development server on CRM_HOST:CRM_PORT; use gunicorn in production."""
    app = create_app()
    app.run(host=app.config["CRM_HOST"], port=app.config["CRM_PORT"], debug=app.config["CRM_DEBUG"])


if __name__ == "__main__":
    main()
