"""baoshe (报社): an open-source newsroom and digital-newspaper platform."""

__version__ = "0.1.0"
