"""What ``make run`` uses: the base settings served over plain HTTP on the loopback address.

DEBUG stays off so the demo behaves like the real site (styled 404 pages, cached templates);
WhiteNoise serves the static files.
"""

from .base import *  # noqa: F403
