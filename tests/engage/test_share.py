"""The share bar: a server-drawn WeChat QR code and a share counter."""

import io

import zxingcpp
from PIL import Image

from tests.factories import make_article


def test_qr_code_decodes_to_the_articles_canonical_url(client, article):
    response = client.get(f"/engage/qr/{article.pk}.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.content)))
    assert [r.text for r in results] == [f"http://localhost{article.url}"]


def test_qr_of_unpublished_or_missing_article_is_404(client, column):
    draft = make_article(column, publish=False)
    assert client.get(f"/engage/qr/{draft.pk}.png").status_code == 404
    assert client.get("/engage/qr/999999999999.png").status_code == 404
    assert client.get("/engage/qr/1000000000000000000000000000000.png").status_code == 404


def test_sharing_counts_up_and_shows_on_the_page(client, article):
    assert client.post(f"/engage/share/{article.pk}/weibo/").json() == {"count": 1}
    assert client.post(f"/engage/share/{article.pk}/wechat/").json() == {"count": 2}
    assert 'class="share-count">2<' in client.get(article.url).content.decode()


def test_share_counter_refuses_unknown_channels_and_get(client, article):
    assert client.post(f"/engage/share/{article.pk}/myspace/").status_code == 404
    assert client.get(f"/engage/share/{article.pk}/weibo/").status_code == 405


def test_share_count_survives_republishing(client, article):
    client.post(f"/engage/share/{article.pk}/x/")
    article.title = "改过的标题"
    article.save_revision().publish()
    assert 'class="share-count">1<' in client.get(article.url).content.decode()
