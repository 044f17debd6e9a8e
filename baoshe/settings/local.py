"""What ``make run`` uses: the base settings served over plain HTTP on the loopback address.

DEBUG stays off so the demo behaves like the real site (styled 404 pages, cached templates);
WhiteNoise serves the static files.
"""

import importlib.util

from .base import *  # noqa: F403

# The demo paper and test generators (``demo/``, package baoshe_demo) when installed; never in
# production settings.
if importlib.util.find_spec("baoshe_demo"):
    INSTALLED_APPS = [*INSTALLED_APPS, "baoshe_demo"]  # noqa: F405
