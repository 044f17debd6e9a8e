"""Internet-facing deployments behind TLS. Passes ``manage.py check --deploy``.

Requires SECRET_KEY and ALLOWED_HOSTS from the environment; the TLS terminator must set
X-Forwarded-Proto.
"""

from django.core.exceptions import ImproperlyConfigured

from . import environment as env
from .base import *  # noqa: F403

if not env.SECRET_KEY:
    raise ImproperlyConfigured("production settings need SECRET_KEY in the environment")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Wagtail's live preview shows the page in a same-origin iframe; DENY would blank it.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W019"]  # noqa: F405
