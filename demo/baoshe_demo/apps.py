from django.apps import AppConfig


class BaosheDemoConfig(AppConfig):
    """Holds ``baoshe load-demo``; each installed app's demo is found by ``registry``."""

    name = "baoshe_demo"
    label = "baoshe_demo"
    verbose_name = "示例数据"
