"""Flask extensions, created without an app and bound in create_app."""

from pathlib import Path

from flask_babel import Babel
from flask_jwt_extended import JWTManager
from flask_migrate import Migrate

from service_kit.database import make_db
from service_kit.languages import Catalogues
from service_kit.rate_limits import make_limiter

db = make_db()
migrate = Migrate()
jwt = JWTManager()
limiter = make_limiter("main")
# The words in Hindi and Marathi: translations/<language>/LC_MESSAGES/messages.po, compiled to .mo by dev.py.
TRANSLATIONS = Path(__file__).resolve().parent / "translations"
babel = Babel()
catalogues = Catalogues(TRANSLATIONS)
