"""Word-list budgets: an oversized list is refused with a message before it is parsed.

A 20 MB list used to cost ~880 MB in every process that built the 机审 engine.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from baoshe.proofread.engine import wordlists
from baoshe.proofread.engine.wordlists import (
    MAX_TERMS_PER_LIST,
    WordListTooLarge,
    load_word_list_file,
    parse_word_list,
)
from baoshe.proofread.models import WordList

IMPORT = "proofread:import_word_list"


def import_post(client, *, upload=None, pasted="", **fields):
    data = {
        "new_name": "超大词表",
        "default_category": "敏感词",
        "default_severity": "warn",
        "mode": "append",
        "pasted": pasted,
        **fields,
    }
    if upload is not None:
        data["upload"] = upload
    return client.post(reverse(IMPORT), data)


@pytest.fixture
def no_parsing(monkeypatch):
    """Fail the test if a line of the list gets parsed."""

    def refuse(*args, **kwargs):
        raise AssertionError("an over-budget list must be refused before parsing")

    monkeypatch.setattr(wordlists, "_parse_word_list", refuse)


def synthetic(count):
    return "\n".join(f"合成词{i:06d}" for i in range(count))


@pytest.mark.django_db
def test_an_upload_over_5_mb_is_refused_with_a_message(admin_client, no_parsing):
    payload = ("违禁词\t类别\twarn\t" + "备注" * 40 + "\n").encode() * 30_000  # ~7.6 MB
    assert len(payload) > 5 * 1024 * 1024
    upload = SimpleUploadedFile("big.txt", payload, content_type="text/plain")
    response = import_post(admin_client, upload=upload)
    assert response.status_code == 200
    html = response.content.decode()
    assert "文件过大" in html and "上限 5 MB" in html
    assert not WordList.objects.filter(name="超大词表").exists()


@pytest.mark.django_db
def test_a_list_over_200000_lines_is_refused_before_parsing(admin_client, no_parsing):
    payload = synthetic(MAX_TERMS_PER_LIST + 1).encode()
    assert len(payload) < 5 * 1024 * 1024  # within the byte limit: the line budget refuses it
    upload = SimpleUploadedFile("many.txt", payload, content_type="text/plain")
    response = import_post(admin_client, upload=upload)
    html = response.content.decode()
    assert "单个词表上限 200,000 行" in html
    assert not WordList.objects.filter(name="超大词表").exists()


@pytest.mark.django_db
def test_appending_past_the_list_budget_is_refused(admin_client, no_parsing):
    existing = WordList(name="已有词表", terms=synthetic(10))
    WordList.objects.bulk_create([existing])  # bulk_create: no parse on save
    WordList.objects.filter(pk=existing.pk).update(terms=synthetic(MAX_TERMS_PER_LIST - 5))
    response = import_post(admin_client, word_list=existing.pk, new_name="", pasted=synthetic(10))
    assert "单个词表上限 200,000 行" in response.content.decode()
    existing.refresh_from_db()
    assert existing.terms.count("\n") + 1 == MAX_TERMS_PER_LIST - 5


@pytest.mark.django_db
def test_the_enabled_lists_together_have_a_term_budget(admin_client):
    big = WordList(name="大词表", terms="占位")
    WordList.objects.bulk_create([big])
    WordList.objects.filter(pk=big.pk).update(term_count=499_990)
    response = import_post(admin_client, pasted=synthetic(20))
    html = response.content.decode()
    assert "词条总数超出上限" in html and "合计上限 500,000 条" in html
    assert not WordList.objects.filter(name="超大词表").exists()

    # Hand-editing a list is held to the same budget.
    response = admin_client.post(
        reverse("wagtailsnippets_proofread_wordlist:add"),
        {
            "name": "手工词表",
            "default_category": "敏感词",
            "default_severity": "warn",
            "enabled": "on",
            "terms": synthetic(20),
        },
    )
    assert "词条总数超出上限" in response.content.decode()
    assert not WordList.objects.filter(name="手工词表").exists()

    # With the big list disabled, the same import goes through.
    WordList.objects.filter(pk=big.pk).update(enabled=False)
    import_post(admin_client, pasted=synthetic(20))
    assert WordList.objects.get(name="超大词表").term_count == 20


def test_the_engine_loader_refuses_oversized_lists(tmp_path, no_parsing):
    with pytest.raises(WordListTooLarge, match="单个词表上限"):
        parse_word_list(synthetic(MAX_TERMS_PER_LIST + 1))
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * (21 * 1024 * 1024))
    with pytest.raises(WordListTooLarge, match="词表文件过大"):
        load_word_list_file(path)


def test_a_list_at_the_budget_still_loads():
    word_list, issues = parse_word_list(synthetic(MAX_TERMS_PER_LIST))
    assert len(word_list) == MAX_TERMS_PER_LIST and issues == []
