"""For working on baoshe itself: tracebacks in the browser, templates reloaded."""

import importlib.util

from .base import *  # noqa: F403

DEBUG = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# The demo paper and test generators (``demo/``, package baoshe_demo) when installed; never in
# production settings.
if importlib.util.find_spec("baoshe_demo"):
    INSTALLED_APPS = [*INSTALLED_APPS, "baoshe_demo"]  # noqa: F405
