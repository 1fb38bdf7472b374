"""Flask extensions, created without an app and bound in create_app."""

from flask_jwt_extended import JWTManager
from flask_migrate import Migrate

from service_kit.database import make_db
from service_kit.rate_limits import make_limiter

db = make_db()
migrate = Migrate()
jwt = JWTManager()
limiter = make_limiter("main")
