"""The ``baoshe`` console command: Django's management commands under the project's name.

``baoshe gen-articles 1000`` is ``manage.py gen_articles 1000``: newsroom verbs read better
with hyphens, Django's command modules need underscores, so the first word is translated.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baoshe.settings.local")
    verb_at = 2 if len(argv) > 2 and argv[1] == "help" else 1
    if len(argv) > verb_at and not argv[verb_at].startswith("-"):
        argv[verb_at] = argv[verb_at].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
