"""Permissions, not group names: give the six roles the permissions newsroom/permissions.py
reads (editing others' pieces, overriding 机审, the 撤稿/更正 stages, …), take away what a role
must not do (总编辑's direct publish, 管理员's workflow editing), and let 管理员 manage the
columns, images, site settings, 机审 word lists and the e-paper. ``ensure_roles`` sets each
group's permissions exactly, so running it again is what existing installs need."""

from django.db import migrations


def forwards(apps, schema_editor):
    from baoshe.workflow.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0002_roles_and_workflow"),
        ("newsroom", "0004_article_permissions"),
        ("core", "0001_initial"),
        ("proofread", "0001_initial"),
        ("epaper", "0001_initial"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
