"""Pages go through 三审三校 or no workflow: retire Wagtail's default "Moderators approval".

``wagtailcore.0048`` creates it (one group-approval task, assigned to the root page) on every
fresh database; ``roles.retire_default_page_workflows`` deactivates it, removes its page
assignment and cancels its unfinished reviews. Idempotent; nothing to undo.
"""

from django.db import migrations


def retire(apps, schema_editor):
    from baoshe.workflow.roles import retire_default_page_workflows

    retire_default_page_workflows(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("workflow", "0004_interface_strings_in_english"),
    ]

    operations = [migrations.RunPython(retire, migrations.RunPython.noop)]
