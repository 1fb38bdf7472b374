"""Flask extensions, created without an app and bound in create_app."""

from flask_migrate import Migrate

from service_kit.database import make_db
from service_kit.rate_limits import make_limiter
from service_kit.verified_tokens import CachingJWTManager

db = make_db()
migrate = Migrate()
jwt = CachingJWTManager()
limiter = make_limiter("main")
