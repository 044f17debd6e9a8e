"""The ``baoshe`` console command: Django's management commands under the project's name.

``baoshe gen-articles 1000`` is ``manage.py gen_articles 1000``: newsroom verbs read better
with hyphens, Django's command modules need underscores, so the first word is translated.
"""

import os
import sys

# Settings for running on one's own machine: the `baoshe` command keeps a generated secret key
# for them in the data dir (production settings require SECRET_KEY instead).
LOCAL_SETTINGS = ("baoshe.settings.local", "baoshe.settings.dev")


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baoshe.settings.local")
    if os.environ["DJANGO_SETTINGS_MODULE"] in LOCAL_SETTINGS:
        # The one file baoshe writes for itself, written here and not on importing settings.
        from baoshe.settings.environment import ensure_secret_key_file

        ensure_secret_key_file()
    verb_at = 2 if len(argv) > 2 and argv[1] == "help" else 1
    if len(argv) > verb_at and not argv[verb_at].startswith("-"):
        argv[verb_at] = argv[verb_at].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
