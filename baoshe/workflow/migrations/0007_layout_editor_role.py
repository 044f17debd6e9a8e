"""版面编辑 (layout editor): a new role that imports, corrects, reviews and publishes the 数字报;
总编辑 gains the same e-paper permissions plus publishing an issue whose pages are not all
reviewed (a logged override), 管理员 deleting an issue. ``ensure_roles`` sets every group's
permissions exactly, as in 0003."""

from django.db import migrations


def forwards(apps, schema_editor):
    from baoshe.workflow.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0006_retire_wagtail_default_groups"),
        ("epaper", "0004_issue_release"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
