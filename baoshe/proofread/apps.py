from django.apps import AppConfig


class ProofreadConfig(AppConfig):
    """机审: the automated proofreading engine and its rule packs, as the newsroom runs them."""

    name = "baoshe.proofread"
    label = "proofread"
    verbose_name = "机审校对"
