"""The test suite: SQLite unless BAOSHE_TEST_DATABASE_URL names another database.

Fast password hashing and plain static storage (no collectstatic manifest needed).
"""

import os
import tempfile
from pathlib import Path

import dj_database_url

from .base import *  # noqa: F403

DEBUG = False
_test_db_url = os.environ.get("BAOSHE_TEST_DATABASE_URL")
if _test_db_url:
    DATABASES = {"default": dj_database_url.parse(_test_db_url)}
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
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="baoshe-test-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="baoshe-test-static-"))
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
ALLOWED_HOSTS = ["*"]
