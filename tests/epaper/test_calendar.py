"""往期回顾: the e-paper calendar offers only months that have issues (no crawler trap).

Before: every ``?month=`` from 1900-01 to 2999-12 answered 200 on every page URL, and the
previous/next links walked through all of them. Now a month must hold a visible issue of
the paper, malformed values are the styled 404, and the links skip empty months.
"""

import datetime as dt
import re

import pytest
from django.test import Client

from baoshe.epaper.models import Publication
from tests.epaper.test_reader import make_issue

PAGE = "/epaper/shili/2026-03-02/A01/"
MONTH_LINK = re.compile(r'href="\?month=(\d{4}-\d{2})#calendar"')


@pytest.fixture
def paper(db):
    return Publication.objects.create(slug="shili", name="示例日报")


@pytest.fixture
def spread(paper):
    """Issues in Nov 2025, Jan 2026 (December empty), Mar 2026; April only unpublished."""
    make_issue(paper, dt.date(2025, 11, 15), pages=("A01",), number=1)
    make_issue(paper, dt.date(2026, 1, 10), pages=("A01",), number=2)
    make_issue(paper, dt.date(2026, 3, 1), pages=("A01",), number=3)
    make_issue(paper, dt.date(2026, 3, 2), number=4)
    make_issue(paper, dt.date(2026, 4, 1), published=False, pages=("A01",), number=5)
    return paper


def calendar_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode().split('id="calendar"')[1].split("</section>")[0]


def links(section: str) -> dict[str, str]:
    """{'上一月': '2026-01', …} of the calendar head."""
    out = {}
    for label in ("上一月", "下一月"):
        match = re.search(
            rf'href="\?month=(\d{{4}}-\d{{2}})#calendar" rel="nofollow" '
            rf'aria-label="{label}"',
            section,
        )
        if match:
            out[label] = match.group(1)
    return out


def test_links_skip_empty_months_and_unpublished_ones(spread, client):
    march = calendar_of(client.get(PAGE))
    assert "2026年3月" in march
    assert links(march) == {"上一月": "2026-01"}  # February is empty, April unpublished
    assert 'href="/epaper/shili/2026-03-01/"' in march
    assert 'href="/epaper/shili/2026-03-02/" aria-current="date"' in march

    january = calendar_of(client.get(PAGE + "?month=2026-01"))
    assert "2026年1月" in january
    assert links(january) == {"上一月": "2025-11", "下一月": "2026-03"}  # December skipped
    assert 'href="/epaper/shili/2026-01-10/"' in january
    assert "/epaper/shili/2026-03-0" not in january

    november = calendar_of(client.get(PAGE + "?month=2025-11"))
    assert links(november) == {"下一月": "2026-01"}


def test_staff_calendar_includes_unpublished_month(spread, admin_client):
    march = calendar_of(admin_client.get(PAGE))
    assert links(march) == {"上一月": "2026-01", "下一月": "2026-04"}
    assert admin_client.get(PAGE + "?month=2026-04").status_code == 200
    assert Client().get(PAGE + "?month=2026-04").status_code == 404


@pytest.mark.parametrize(
    "month",
    [
        "2025-12",  # between issues, empty
        "2025-10",  # before the first issue
        "2026-05",  # after the last
        "1900-01",
        "2999-12",
        "2100-12",
        "9999-12",
    ],
)
def test_months_without_issues_are_not_found(spread, client, month):
    response = client.get(f"{PAGE}?month={month}")
    assert response.status_code == 404
    assert "页面未找到" in response.content.decode()  # the site's styled 404


@pytest.mark.parametrize(
    "month",
    ["2026-13", "abc", "99999-01", "0000-01", "2026-0", "", "2026-1", "2026-1-1", "2026-03x"],
)
def test_malformed_months_are_not_found(spread, client, month):
    response = client.get(f"{PAGE}?month={month}")
    assert response.status_code == 404
    assert "页面未找到" in response.content.decode()


def test_month_parameter_on_latest_issue_view(spread, client):
    assert client.get("/epaper/?month=2026-01").status_code == 200
    assert client.get("/epaper/?month=2026-02").status_code == 404
    assert client.get("/epaper/shili/?month=1950-01").status_code == 404


def test_a_crawler_reaches_only_months_with_issues(spread, client):
    """Follow every month link from the page: the crawl ends after the three months."""
    seen, todo = set(), [""]
    while todo:
        month = todo.pop()
        response = client.get(PAGE + (f"?month={month}" if month else ""))
        assert response.status_code == 200
        for found in MONTH_LINK.findall(calendar_of(response)):
            if found not in seen:
                seen.add(found)
                todo.append(found)
        assert len(seen) < 10, seen
    assert seen == {"2025-11", "2026-01", "2026-03"}
