"""Each installed app's demo, found through its AppConfig and run in dependency order.

An app's demo is the module named by its AppConfig's ``demo`` attribute (a dotted path, for
apps outside baoshe) or else ``baoshe_demo.<app label>`` when that module exists. The module
exposes:

``AFTER``
    labels of the apps whose demo must be loaded first (their demo must exist);
``load(stdout, style)``
    the idempotent load itself, reporting on ``stdout`` (a command's output wrapper).

Apps run dependencies first and otherwise in ``INSTALLED_APPS`` order; an app that is not
installed contributes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class AppDemo:
    label: str
    module: str
    after: tuple[str, ...]
    load: Callable


def demo_module(config) -> str | None:
    """The dotted path of an app's demo module, or None when it has none."""
    explicit = getattr(config, "demo", None)
    if explicit:
        return explicit
    candidate = f"{__package__}.{config.label}"
    return candidate if find_spec(candidate) is not None else None


def app_demos() -> list[AppDemo]:
    """Every installed app's demo, each after the demos it declares in ``AFTER``."""
    found: dict[str, AppDemo] = {}
    for config in apps.get_app_configs():
        path = demo_module(config)
        if path is None:
            continue
        module = import_module(path)
        found[config.label] = AppDemo(
            config.label, path, tuple(getattr(module, "AFTER", ())), module.load
        )
    for demo in found.values():
        missing = [label for label in demo.after if label not in found]
        if missing:
            raise ImproperlyConfigured(
                f"demo of {demo.label!r} needs the demo of {', '.join(missing)}, not installed"
            )
    ordered: list[AppDemo] = []
    pending = dict(found)
    while pending:
        done = {demo.label for demo in ordered}
        ready = [d for d in pending.values() if all(label in done for label in d.after)]
        if not ready:
            raise ImproperlyConfigured(f"demo dependencies form a cycle: {', '.join(pending)}")
        ordered.append(ready[0])
        del pending[ready[0].label]
    return ordered
