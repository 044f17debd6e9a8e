"""The ``baoshe`` console command: Django's management commands under the project's name.

``baoshe gen-articles 1000`` is ``manage.py gen_articles 1000``: newsroom verbs read better
with hyphens, Django's command modules need underscores, so the first word is translated.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baoshe.settings.local")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
