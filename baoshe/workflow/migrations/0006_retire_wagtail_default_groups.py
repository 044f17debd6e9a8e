"""Wagtail's default groups ("Moderators", "Editors") go when nobody is in them: the six roles
replace them (``roles.retire_wagtail_default_groups``). Idempotent; nothing to undo."""

from django.db import migrations


def retire(apps, schema_editor):
    from baoshe.workflow.roles import retire_wagtail_default_groups

    retire_wagtail_default_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("workflow", "0005_retire_default_page_workflow"),
    ]

    operations = [migrations.RunPython(retire, migrations.RunPython.noop)]
