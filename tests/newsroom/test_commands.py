"""The ``baoshe`` console command and its newsroom verbs."""

import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from baoshe.newsroom.models import Article
from tests.factories import make_column


def test_gen_articles_writes_published_articles_into_the_named_column(client, home, column):
    other = make_column(home, "体育", "tiyu")
    out = StringIO()
    call_command("gen_articles", 120, "--column", "bendi", "--batch-size", "50", stdout=out)
    assert "已写入 120 篇稿件" in out.getvalue()
    assert Article.objects.filter(column=column, live=True).count() == 120
    assert not Article.objects.filter(column=other).exists()
    newest = Article.objects.live().in_site_order().first()
    page = client.get(column.url).content.decode()
    assert newest.title in page and "较早" in page
    oldest = Article.objects.live().order_by("first_published_at").first()
    assert (newest.first_published_at - oldest.first_published_at).total_seconds() > 118 * 288
    assert client.get(newest.url).status_code == 200
    assert newest.body.raw_data[0]["type"] == "paragraph"
    assert client.get(newest.url).status_code == 200


def test_gen_articles_refuses_unknown_columns_and_bad_counts(home, column):
    with pytest.raises(CommandError, match="未知栏目"):
        call_command("gen_articles", 5, "--column", "nope")
    with pytest.raises(CommandError, match="正整数"):
        call_command("gen_articles", 0)


def test_baoshe_command_translates_hyphenated_verbs():
    result = subprocess.run(
        [sys.executable, "-m", "baoshe", "help", "gen-articles"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "synthetic published articles" in result.stdout
