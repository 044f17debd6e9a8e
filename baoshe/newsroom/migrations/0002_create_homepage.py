"""Replace Wagtail's "Welcome" page with the paper's home page, so a fresh install is a paper."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("newsroom.HomePage")

    if HomePage.objects.exists():
        return
    welcome = Page.objects.filter(
        depth=2, content_type__app_label="wagtailcore", content_type__model="page"
    )
    welcome.delete()  # also removes the default Site pointing at it

    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="newsroom")
    locale = Locale.objects.first()
    root = Page.objects.get(depth=1)
    siblings = Page.objects.filter(depth=2).count()
    homepage = HomePage.objects.create(
        title="示例日报",
        draft_title="示例日报",
        slug="home",
        content_type=content_type,
        path=f"{root.path}{siblings + 1:04d}",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale_id=locale.pk if locale else None,
        live=True,
    )
    root.numchild = siblings + 1
    root.save(update_fields=["numchild"])
    Site.objects.create(
        hostname="localhost", port=80, root_page_id=homepage.pk, is_default_site=True
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("newsroom.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
