"""The page tree's root, which Wagtail's migrations title "Root", is named in Chinese: the
explorer shows it to whoever manages pages (浏览：全部站点). Only the untouched default is renamed."""

from django.db import migrations

ROOT_TITLE = "全部站点"


def rename_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title="Root").update(title=ROOT_TITLE, draft_title=ROOT_TITLE)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_interface_strings_in_english"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename_root, migrations.RunPython.noop)]
