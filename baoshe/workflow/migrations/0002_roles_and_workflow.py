"""The six newsroom roles (groups with their permissions) and the 三审三校 workflow."""

from django.db import migrations


def forwards(apps, schema_editor):
    from baoshe.workflow.roles import ensure_workflow

    ensure_workflow(apps)


def backwards(apps, schema_editor):
    from baoshe.workflow.roles import ALL_ROLES, WORKFLOW_NAME

    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("auth", "Group").objects.filter(name__in=ALL_ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("newsroom", "0002_create_homepage"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
