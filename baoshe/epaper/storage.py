"""Where the 数字报's files are fetched from: through ``views.media``, never MEDIA_URL.

The files stay in the default storage (local folder or S3 bucket, under ``epaper/``), but
every URL the site emits for them (``FieldFile.url``) is ``/epaper/media/<storage name>``:
the view serves a released issue's files to anyone with long cache headers and an
unreleased issue's only to users with the e-paper change permission. ``baoshe/urls.py``
refuses the ``epaper/`` prefixes on the raw MEDIA_URL route; on S3 the bucket's ``epaper/``
prefix is kept private (docs/epaper.md).
"""

from __future__ import annotations

from django.core.files.storage import Storage, default_storage
from django.urls import reverse


class EpaperMediaStorage(Storage):
    """The default storage, with URLs pointing at the permission-checked media view."""

    def _open(self, name, mode="rb"):
        return default_storage.open(name, mode)

    def _save(self, name, content):
        return default_storage.save(name, content)

    def get_valid_name(self, name):
        return default_storage.get_valid_name(name)

    def get_available_name(self, name, max_length=None):
        return default_storage.get_available_name(name, max_length=max_length)

    def generate_filename(self, filename):
        return default_storage.generate_filename(filename)

    def delete(self, name):
        return default_storage.delete(name)

    def exists(self, name):
        return default_storage.exists(name)

    def size(self, name):
        return default_storage.size(name)

    def path(self, name):
        return default_storage.path(name)

    def listdir(self, path):
        return default_storage.listdir(path)

    def get_modified_time(self, name):
        return default_storage.get_modified_time(name)

    def url(self, name):
        return reverse("epaper-media", kwargs={"name": name})


_storage = EpaperMediaStorage()


def epaper_storage() -> EpaperMediaStorage:
    """The storage of every file field of the 数字报 (a callable, so migrations stay stable)."""
    return _storage
