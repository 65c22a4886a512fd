"""HTML articles: main text and metadata through trafilatura; scripts and styles never reach the text."""

from __future__ import annotations

import datetime as dt

import pytest

from onrecord.model import Article, Failure

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Minister pledges aid | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://planet.example/world/aid">
<style>p { color: red } .hidden-style-marker {}</style>
<script>document.write("SCRIPT MARKER ONE")</script>
</head><body>
<nav>Home | World | Sport</nav>
<article><h1>Minister pledges aid</h1>
<p>The foreign minister said on Tuesday that the country would send €5 million in aid to the region.</p>
<p>"We will not stand by," she said. "This is only the start of what we will do this year."</p>
<script>var marker = "SCRIPT MARKER TWO";</script>
</article>
<footer>Copyright Daily Planet</footer>
</body></html>
"""


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "aid.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_main_text_and_metadata(page, read_one):
    article = read_one(page)
    assert isinstance(article, Article)
    assert article.title == "Minister pledges aid"
    assert article.date == dt.date(2024, 3, 5)
    assert article.outlet == "Daily Planet"
    assert article.url == "https://planet.example/world/aid"
    assert article.source == str(page)
    assert "The foreign minister said on Tuesday that the country would send €5 million" in article.text
    assert '"We will not stand by," she said.' in article.text


def test_script_style_and_boilerplate_are_left_out(page, read_one):
    text = read_one(page).text
    for marker in ("SCRIPT MARKER", "color: red", "hidden-style-marker", "Home | World", "Copyright"):
        assert marker not in text


def test_command_line_metadata_overrides_the_page(page, read_one):
    article = read_one(page, date=dt.date(2024, 3, 6), outlet="Wire", url="https://wire.example/1")
    assert (article.date, article.outlet, article.url) == (
        dt.date(2024, 3, 6),
        "Wire",
        "https://wire.example/1",
    )


def test_htm_extension_and_crlf(tmp_path, read_one):
    path = tmp_path / "page.htm"
    path.write_bytes(
        b"<html><body>\r\n<p>The mayor said so.</p>\r\n<p>The road reopens.</p>\r\n</body></html>"
    )
    assert read_one(path).text == "The mayor said so.\nThe road reopens."


def test_declared_charset_is_honoured(tmp_path, read_one):
    path = tmp_path / "old.html"
    html = (
        '<html><head><meta charset="windows-1252"></head>'
        "<body><p>The café owner said prices rose.</p></body></html>"
    )
    path.write_bytes(html.encode("cp1252"))
    assert read_one(path).text == "The café owner said prices rose."


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty (no HTML)"),
        (
            b"<html><head><title>T</title></head><body><script>alert(1)</script></body></html>",
            "no article text",
        ),
        ("<html><body><p>Caf\u00e9 owners said so.</p></body></html>".encode("latin-1"), "not UTF-8 text"),
    ],
)
def test_bad_html_fails_with_a_reason(tmp_path, read_one, content, problem):
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    failure = read_one(path)
    assert isinstance(failure, Failure)
    assert failure.source == str(path)
    assert failure.problem.startswith(problem)


@pytest.mark.parametrize(
    ("head", "date"),
    [
        ("", None),  # a year in the body is no page date
        ('<meta property="article:published_time" content="2024-03-05T10:00:00Z">', dt.date(2024, 3, 5)),
    ],
)
def test_the_page_date_comes_from_its_metadata_not_its_text(tmp_path, read_one, head, date):
    path = tmp_path / "bridge.html"
    body = (
        "<p>The old bridge dates from 1999, Mayor Ann Lee said on Monday, and it will be rebuilt next year.</p>"
        "<p>Another paragraph about the repairs that the city council promised to pay for.</p>"
    )
    path.write_text(
        f"<html><head><title>Bridge</title>{head}</head><body><article>{body}</article></body></html>"
    )
    assert read_one(path).date == date


@pytest.mark.parametrize("reference", ["&#x1b;", "&#11;", "&#X0C;", "&#1;"])
def test_a_reference_to_a_control_character_does_not_lose_the_page(tmp_path, read_one, reference):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><article><p>Mayor Ann Lee said the bridge would open in May, "
        f"{reference} and the council agreed to pay.</p><p>Another paragraph about the repairs.</p>"
        "</article></body></html>"
    )
    assert read_one(path).text.startswith("Mayor Ann Lee said the bridge would open in May, \ufffd and")


def test_a_page_nested_deeper_than_lxml_reads_by_default_keeps_its_text(tmp_path, read_one):
    path = tmp_path / "deep.html"
    body = (
        "<p>Mayor Ann Lee said the bridge would open in May, and the council agreed to pay for it.</p>"
        "<p>Another paragraph about the plan and the repairs promised by the council.</p>"
    )
    path.write_text(
        f"<html><head><title>Headline</title></head><body>{'<div>' * 300}{body}{'</div>' * 300}</body></html>"
    )
    assert read_one(path).text.startswith("Mayor Ann Lee said the bridge would open in May")
