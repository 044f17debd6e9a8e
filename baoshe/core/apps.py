from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Site-wide pieces every app leans on: the paper's settings, base templates, guards."""

    name = "baoshe.core"
    label = "core"
    verbose_name = _("Site")

    def ready(self):
        from . import address  # noqa: F401  (registers the public-address check)
        from .csp import patch_chooser_widgets
        from .signals import connect as connect_version_signals

        connect_version_signals()

        patch_chooser_widgets()
