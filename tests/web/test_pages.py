"""The pages over a store filled by real extraction of samples/: content, links, highlighting, paging."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

VICTORY_TITLE = "NATO Secretary General Mark Rutte has commented on the first point of Ukraine"


def links(tags) -> list[str]:  # noqa: ANN001 (a conftest.Tags)
    return [str(attrs["href"]) for attrs in tags.named("a")]


def victory_article_url(fetch) -> str:  # noqa: ANN001
    tags = fetch("/articles", q="Victory Plan")
    return next(href for href in links(tags) if href.startswith("/articles/a"))


def test_home_shows_counts_most_quoted_and_latest(client: TestClient) -> None:
    response = client.get("/")

    assert re.search(r"\d+ statements by the people and organisations in 10 articles", response.text)
    assert '<a href="/speakers/mark-rutte">Mark Rutte</a>' in response.text
    assert "Government pledges 30 new rural clinics" in response.text


def test_search_for_victory_plan_finds_statements_names_and_the_article(client: TestClient) -> None:
    response = client.get("/", params={"q": "Victory Plan", "speaker": "", "since": "", "until": ""})
    html = response.text

    assert response.status_code == 200
    statements = html.split('id="statements"')[1]
    assert statements.count('class="statement') >= 3
    assert "Mark Rutte" in statements
    assert '<a href="/speakers/victory-plan">Victory Plan</a>' in html  # the plan is a name too
    assert VICTORY_TITLE in html.split('id="articles"')[1]


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"q": "plan", "since": "16/10/2024"}, "since &#39;16/10/2024&#39; is not a date"),
        ({"q": "?!"}, "has no words"),
    ],
)
def test_search_problems_are_shown_not_failed(
    client: TestClient, params: dict[str, str], problem: str
) -> None:
    response = client.get("/", params=params)

    assert response.status_code == 200
    assert problem in response.text


def test_search_form_works_without_javascript(client: TestClient, fetch) -> None:  # noqa: ANN001
    [form] = fetch("/").named("form")
    names = {attrs["name"] for attrs in fetch("/").named("input")}

    assert form["method"] == "get" and form["action"] == "/"
    assert {"q", "speaker", "since", "until"} <= names


def test_statements_page_filters_and_pages(client: TestClient) -> None:
    first = client.get("/statements")
    older = re.search(r'rel="next" href="([^"]+)"', first.text)
    assert older is not None
    second = client.get(older.group(1).replace("&amp;", "&"))
    direct = client.get("/statements", params={"speaker": "rutte", "kind": "direct"})

    assert first.text.count('<li class="statement') == 50
    assert 0 < second.text.count('<li class="statement') < 50
    assert direct.text.count('<li class="statement kind-direct"') == direct.text.count('<li class="statement')
    assert direct.text.count('<li class="statement') >= 3
    assert 'href="/api/statements.csv?speaker=rutte&amp;kind=direct"' in direct.text


def test_speaker_page_has_aliases_roles_timeline_and_statements(fetch) -> None:  # noqa: ANN001
    tags = fetch("/speakers/mark-rutte")
    html = tags.html
    bars = tags.named("rect")

    assert "<h1>Mark Rutte</h1>" in html
    assert "Rutte" in html.split('class="aliases"')[1].split("</dd>")[0]
    assert "Secretary General (NATO)" in html
    assert len(bars) == 1 and float(str(bars[0]["height"])) > 0  # every statement is of 2024-10-16
    assert html.count('<li class="statement') >= 8
    assert any(href.startswith("/articles/a") and "#s" in href for href in links(tags))


@pytest.mark.parametrize("slug", ["mark-rutte", "Mark%20R%C3%BCtte", "MARK-RUTTE"])
def test_speaker_page_accepts_any_spelling_of_the_name(client: TestClient, slug: str) -> None:
    assert "<h1>Mark Rutte</h1>" in client.get(f"/speakers/{slug}").text


def test_unknown_speaker_is_404(client: TestClient) -> None:
    response = client.get("/speakers/nobody-at-all")

    assert response.status_code == 404
    assert "find one on /speakers" in response.text


def test_article_page_highlights_spans_and_keeps_the_text(client: TestClient, fetch) -> None:  # noqa: ANN001
    url = victory_article_url(fetch)
    article = client.get("/api/articles/" + url.rsplit("/", 1)[1]).json()
    tags = fetch(url)
    spans = tags.named("span")
    classes = [str(attrs.get("class", "")) for attrs in spans]

    assert tags.article_text == article["article"]["text"]
    assert sum("hl-speaker" in c for c in classes) >= 8
    assert sum("hl-cue" in c for c in classes) >= 8
    assert sum("hl-content" in c for c in classes) >= 8
    legend = client.get(url).text.split('class="legend"')[1].split("</p>")[0]
    assert all(f'class="hl-{kind}"' in legend for kind in ("speaker", "cue", "content"))


def test_article_page_speaker_spans_are_the_extracted_mentions(client: TestClient, fetch) -> None:  # noqa: ANN001
    url = victory_article_url(fetch)
    article = client.get("/api/articles/" + url.rsplit("/", 1)[1]).json()
    html = client.get(url).text.split('class="article-text"')[1]

    mentions = {s["speaker"]["span"]["text"] for s in article["statements"] if s["speaker"]["span"]}
    marked = set(re.findall(r'<span class="hl-speaker"[^>]*>([^<]+)</span>', html))
    assert "Rutte" in marked
    assert marked <= mentions | {m.split()[-1] for m in mentions}


def test_article_page_shows_provenance_and_links_every_name(client: TestClient, fetch) -> None:  # noqa: ANN001
    url = victory_article_url(fetch)
    tags = fetch(url)
    html = client.get(url).text
    names = [href for href in links(tags) if href.startswith("/speakers/")]

    assert "cites <strong>Censor.NET</strong>" in html and "cites <strong>UNIAN</strong>" in html
    assert "Related items" in html and "Rütte" in html.split("Related items")[1]
    assert "/speakers/mark-rutte" in names
    for href in set(names):
        assert client.get(href).status_code in (200, 404)
    assert client.get("/speakers/mark-rutte").status_code == 200


def test_article_statement_anchors_match_statement_links(client: TestClient, fetch) -> None:  # noqa: ANN001
    tags = fetch("/speakers/mark-rutte")
    target = next(href for href in links(tags) if href.startswith("/articles/a") and "#s" in href)
    path, _, anchor = target.partition("#")

    assert f'id="{anchor}"' in client.get(path).text


def test_articles_page_lists_and_searches_titles(client: TestClient, fetch) -> None:  # noqa: ANN001
    every = fetch("/articles")
    found = fetch("/articles", q="victory plan")

    assert len([h for h in links(every) if h.startswith("/articles/")]) == 10
    assert [h for h in links(found) if h.startswith("/articles/")] == [victory_article_url(fetch)]


def test_speakers_page_filters_by_name_and_type(client: TestClient) -> None:
    people = client.get("/speakers", params={"type": "person", "name": ""}).text
    rutte = client.get("/speakers", params={"name": "rütte"}).text

    assert '<span class="type">PERSON</span>' in people and '<span class="type">ORG</span>' not in people
    assert "Mark Rutte" in rutte and "Maria Okafor" not in rutte


@pytest.mark.parametrize("url", ["/", "/statements", "/speakers", "/articles", "/speakers/mark-rutte"])
def test_every_internal_link_on_a_page_answers(client: TestClient, url: str, fetch) -> None:  # noqa: ANN001
    for href in set(links(fetch(url))):
        parts = urlsplit(href)
        if parts.netloc or parts.path in ("/docs",) or not parts.path:
            continue
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        assert client.get(target).status_code == 200, href
