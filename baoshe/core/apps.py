from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site-wide pieces every app leans on: the paper's settings, base templates, guards."""

    name = "baoshe.core"
    label = "core"
    verbose_name = "站点"

    def ready(self):
        from .csp import patch_chooser_widgets

        patch_chooser_widgets()
