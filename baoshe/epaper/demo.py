"""Demo data of this app, loaded by ``baoshe load-demo`` after the newsroom's demo."""


def load(stdout) -> None:
    """Nothing yet: this app's demo data is added with its models."""
