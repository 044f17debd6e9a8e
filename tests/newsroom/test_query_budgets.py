"""Query budgets for the reader pages: the floor that later caching work starts from.

Each page is rendered once to warm per-process caches (site settings, the proofreader), then
rendered again under ``django_assert_max_num_queries``. A budget is the count measured when it
was set over a paper of five columns (one with a sub-column) and 125 articles; a change that
adds queries to a reader page must raise it here, on purpose. The home page still costs
queries per column shown (docs/benchmarks.md; the page-cache issue removes them).
"""

import pytest

from tests.factories import make_article, make_column

BUDGETS = [
    ("home", "/", 23),
    ("column", "/bendi/", 22),
    ("column, page 2", "/bendi/?page=2", 22),
    ("article", None, 15),
    ("site feed", "/rss.xml", 6),
    ("column feed", "/bendi/rss.xml", 9),  # keys by UNION ALL per sub-column, then rows
    ("sitemap index", "/sitemap.xml", 14),
]


@pytest.fixture
def paper(home):
    columns = [make_column(home, f"栏目{i}", f"lanmu{i}") for i in range(3)]
    bendi = make_column(home, "本地", "bendi")
    sub = make_column(bendi, "江北", "jiangbei")
    for column in [*columns, bendi, sub]:
        for _ in range(25):
            make_article(column)
    return bendi


@pytest.mark.parametrize("name, url, budget", BUDGETS, ids=[b[0] for b in BUDGETS])
def test_reader_page_stays_within_its_query_budget(
    client, paper, django_assert_max_num_queries, name, url, budget
):
    url = url or make_article(paper).url
    assert client.get(url).status_code == 200  # warm per-process caches
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200
