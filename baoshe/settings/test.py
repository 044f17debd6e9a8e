"""The test suite: SQLite unless BAOSHE_TEST_DATABASE_URL names another database.

Fast password hashing and plain static storage (no collectstatic manifest needed).
"""

import importlib.util
import os
import tempfile
from pathlib import Path

import dj_database_url

from . import environment as env
from .base import *  # noqa: F403

DEBUG = False
# Never the deployment's key; and nothing is generated or stored for the suite.
SECRET_KEY = "baoshe-test-only-secret-key-" + "x" * 32
if env.TEST_DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(env.TEST_DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "test.sqlite3"),  # noqa: F405
            "TEST": {"NAME": None},  # in memory, shared with the live server thread
        }
    }
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Per test process, under the system temp dir; created by the storages on first write, so
# importing these settings creates nothing.
_SCRATCH = Path(tempfile.gettempdir()) / f"baoshe-test-{os.getpid()}"
MEDIA_ROOT = _SCRATCH / "media"
STATIC_ROOT = _SCRATCH / "static"
BAOSHE_PAGE_CACHE_DIR = _SCRATCH / "pagecache"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
ALLOWED_HOSTS = ["*"]

# The demo paper and test generators (``demo/``, package baoshe_demo) when installed; never in
# production settings.
if importlib.util.find_spec("baoshe_demo"):
    INSTALLED_APPS = [*INSTALLED_APPS, "baoshe_demo"]  # noqa: F405
