"""WSGI entry point (gunicorn ``baoshe.wsgi``).

Django's application sits behind ``CachedPages``: a published page kept by the page cache is
answered from its file before Django is involved (see ``baoshe.pagecache``).
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baoshe.settings.local")
django_application = get_wsgi_application()

from baoshe.pagecache.wsgi import CachedPages  # noqa: E402  (needs configured settings)

application = CachedPages(django_application, session_cookie=settings.SESSION_COOKIE_NAME)
