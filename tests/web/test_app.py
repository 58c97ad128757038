"""Tests for marsad.web.app against a real server on 127.0.0.1: every endpoint, its errors, tokens, limits, safety."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from marsad.arabic import normalize
from marsad.store import Store
from tests.web.conftest import SMALL_BODY, TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
NEW_ARTICLE = {"title": "افتتاح جسر جديد فوق نهر الوادي في مدينة الساحل",
               "text": "افتتح وزير النقل اليوم الأحد جسرا جديدا فوق نهر الوادي في مدينة الساحل بطول 800 متر.\n\n"
                       "وقال الوزير إن \"الجسر يختصر زمن الرحلة إلى النصف\" مضيفا أن كلفته بلغت 40 مليون دينار.",
               "url": "https://example.test/bridge", "outlet": "صحيفة الساحل", "published": "2025-03-02"}


def get(base: str, path: str, **params: str | int) -> httpx.Response:
    """GET a path of the desk."""
    return httpx.get(base + path, params=params, timeout=30)


def first_story(base: str) -> dict[str, object]:
    """Return the API object of the desk's story with the most articles."""
    listed = get(base, "/api/stories", limit=200).json()["stories"]
    best = max(listed, key=lambda s: s["article_count"])
    return dict(get(base, f"/api/stories/{best['id']}").json())


def test_the_story_list_is_the_same_data_as_page_json_and_api(desk: str) -> None:
    api = get(desk, "/api/stories").json()
    assert get(desk, "/stories.json").json() == api == get(desk, "/.json").json()
    page = get(desk, "/")
    assert page.headers["content-type"].startswith("text/html")
    assert 'dir="rtl"' in page.text and all(s["id"] in page.text for s in api["stories"])
    assert api["count"] >= len(api["stories"]) >= 2
    ends = [s["end"] or "" for s in api["stories"]]
    assert ends == sorted(ends, reverse=True)  # newest activity first


def test_keyset_pages_cover_every_story_once(desk: str) -> None:
    seen: list[str] = []
    after: str | None = None
    while True:
        page = get(desk, "/api/stories", limit=1, **({"_next": after} if after else {})).json()
        seen += [s["id"] for s in page["stories"]]
        after = page["next"]
        if after is None:
            break
    assert len(seen) == len(set(seen)) == get(desk, "/api/stories").json()["count"]


def test_filters_and_facets_agree(desk: str) -> None:
    everything = get(desk, "/api/stories", limit=200).json()
    outlet = everything["facets"]["outlet"][0]
    narrowed = get(desk, "/api/stories", outlet=outlet["value"], limit=200).json()
    assert narrowed["count"] == outlet["stories"] == len(narrowed["stories"])
    assert all(any(o["outlet"] == outlet["value"] for o in s["outlets"]) for s in narrowed["stories"])
    assert get(desk, "/api/stories", since="2999-01-01").json()["count"] == 0
    assert get(desk, "/api/stories", until="1900-01-01").json()["count"] == 0


def test_full_text_filter_and_search_fold_spellings(desk: str) -> None:
    """A hamza-less spelling finds the text written with hamza, in the story filter and in the search."""
    story = first_story(desk)
    body = get(desk, f"/api/articles/{story['articles'][0]}").json()["body"]
    word = next(w for w in body.split() if w.startswith(("إ", "أ")) and len(w) > 4 and w.isalpha())
    plain = "ا" + word[1:]
    hits = get(desk, "/api/search", q=plain).json()["hits"]
    assert story["articles"][0] in {h["article"] for h in hits}
    assert all(normalize(plain) in normalize(h["snippet"]) or h["match"] is None for h in hits)
    assert story["id"] in {s["id"] for s in get(desk, "/api/stories", q=plain, limit=200).json()["stories"]}


def test_a_story_is_its_report_object_with_members(desk: str) -> None:
    story = first_story(desk)
    assert {"id", "title", "articles", "near_duplicates", "lineage", "members"} <= set(story)
    assert [m["id"] for m in story["members"]] == story["articles"]
    assert get(desk, f"/stories/{story['id']}.json").json() == story
    page = get(desk, f"/stories/{story['id']}").text
    assert all(f"/articles/{a}" in page for a in story["articles"])


def test_every_cited_span_reproduces_its_text(desk: str) -> None:
    """Brief sentences and claims point into bodies: body[start:end] is what the page shows."""
    story = first_story(desk)
    bodies = {a: get(desk, f"/api/articles/{a}").json()["body"] for a in story["articles"]}
    for sentence in story.get("summary", []):  # type: ignore[attr-defined]
        first = sentence["sources"][0]
        assert bodies[first["article"]][first["start"] : first["end"]] == sentence["text"]
    for quote in story.get("quotes", []):  # type: ignore[attr-defined]
        assert bodies[quote["article"]][quote["start"] : quote["end"]] == quote["text"]


def test_an_article_carries_its_marks_and_story(desk: str) -> None:
    story = first_story(desk)
    article = get(desk, f"/api/articles/{story['articles'][0]}").json()
    assert article["story"]["id"] == story["id"]
    assert all(0 <= m["start"] < m["end"] <= len(article["body"]) for m in article["marks"])
    assert {m["kind"] for m in article["marks"]} >= {"entity"}
    page = get(desk, f"/articles/{article['id']}", start=0, end=20).text
    assert 'id="cited"' in page


def test_an_entity_page_lists_its_stories(desk: str) -> None:
    story = first_story(desk)
    entity_id = next(iter(story["entity_ids"].values()))  # type: ignore[attr-defined]
    entity = get(desk, f"/api/entities/{entity_id}").json()
    assert entity["id"] == entity_id and story["id"] in {s["id"] for s in entity["stories"]}
    assert get(desk, f"/entities/{entity_id}.json").json() == entity


@pytest.mark.parametrize("path", ["/api/stories/s000000000000", "/api/articles/nope", "/api/entities/per-nope",
                                  "/stories/s000000000000.json"])
def test_unknown_ids_are_json_404s(desk: str, path: str) -> None:
    response = get(desk, path)
    assert response.status_code == 404 and response.json()["error"]["status"] == 404


def test_unknown_ids_and_pages_are_html_404s(desk: str) -> None:
    for path in ("/stories/s000000000000", "/no/such/page"):
        response = get(desk, path)
        assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(("params", "status"), [({"limit": 0}, 422), ({"limit": 10_000}, 422),
                                                ({"since": "yesterday"}, 422), ({"_next": "not-a-key"}, 400)])
def test_bad_parameters_are_json_errors(desk: str, params: dict[str, str | int], status: int) -> None:
    response = get(desk, "/api/stories", **params)
    assert response.status_code == status and response.json()["error"]["status"] == status


def test_health_and_schema(desk: str, readonly_desk: str) -> None:
    health = get(desk, "/api/health").json()
    assert health["status"] == "ok" and health["writable"] is True and health["articles"] >= 5
    assert get(readonly_desk, "/api/health").json()["writable"] is False
    schema = get(desk, "/api/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles", "/api/articles/{article_id}",
            "/api/entities/{entity_id}", "/api/search", "/api/health"} <= set(schema["paths"])


def test_pages_forbid_scripts_and_escape_article_text(desk: str) -> None:
    """The hostile fixture's markup comes back as text, and the CSP allows no script at all."""
    hits = get(desk, "/api/search", q="فرق الإنقاذ").json()["hits"]
    hostile = hits[0]["article"]
    page = get(desk, f"/articles/{hostile}")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert "script-src" not in page.headers["content-security-policy"]
    assert "<script>" not in page.text and "&lt;script&gt;" in page.text
    assert "<img src=x" not in page.text and "<b onmouseover" not in page.text
    assert page.headers["x-content-type-options"] == "nosniff"


def test_writes_need_the_token(desk: str, readonly_desk: str) -> None:
    body = json.dumps(NEW_ARTICLE)
    assert httpx.post(f"{readonly_desk}/api/articles", content=body, headers=AUTH).status_code == 403
    missing = httpx.post(f"{desk}/api/articles", content=body)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = httpx.post(f"{desk}/api/articles", content=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json()["error"]["status"] == 401


def test_posting_an_article_stores_it_and_its_story(writable_desk: tuple[str, Path]) -> None:
    base, db = writable_desk
    before = get(base, "/api/health").json()
    listed = get(base, "/api/stories").json()  # kept by the desk until the store changes
    response = httpx.post(f"{base}/api/articles", json=NEW_ARTICLE, headers=AUTH, timeout=60)
    assert response.status_code == 201, response.text
    added = response.json()["added"]
    assert len(added) == 1 and response.json()["totals"]["articles"] == before["articles"] + 1
    article = get(base, f"/api/articles/{added[0]}").json()
    assert article["title"] == NEW_ARTICLE["title"] and article["story"] is not None
    now = get(base, "/api/stories").json()
    assert now["count"] == listed["count"] + 1 and article["story"]["id"] in {s["id"] for s in now["stories"]}
    again = httpx.post(f"{base}/api/articles", json=[NEW_ARTICLE], headers=AUTH, timeout=60)
    assert again.status_code == 200 and again.json()["skipped"] == 1  # idempotent
    with Store.open(db, readonly=True) as store:
        assert store.counts()["articles"] == before["articles"] + 1


def test_uploaded_files_go_through_the_same_ingest(writable_desk: tuple[str, Path]) -> None:
    base, _ = writable_desk
    text = f"{NEW_ARTICLE['title']}\n\n{NEW_ARTICLE['text']}\n".encode()
    files = [("files", ("../../etc/bridge.txt", text, "text/plain")), ("files", ("empty.txt", b"", "text/plain"))]
    response = httpx.post(f"{base}/api/articles", files=files, headers=AUTH, timeout=60)
    assert response.status_code == 201, response.text
    value = response.json()
    assert len(value["added"]) == 1
    [error] = value["errors"]
    assert "empty.txt" in error["input"] and "/tmp" not in error["input"]


@pytest.mark.parametrize(("content", "kind", "status"), [
    (b"{not json", "application/json", 400),
    (b"[1, 2]", "application/json", 422),
    (b"[]", "application/json", 422),
    (b"\xff\xfe\x00", "application/json", 400),
    (json.dumps([{"title": "لا نص"}]).encode(), "application/json", 422),
    (b"--x\r\nbroken", "multipart/form-data; boundary=x", 422),  # no file could be read from it
])
def test_bad_bodies_are_refused_and_store_nothing(writable_desk: tuple[str, Path], content: bytes, kind: str,
                                                  status: int) -> None:
    base, db = writable_desk
    before = get(base, "/api/health").json()["articles"]
    response = httpx.post(f"{base}/api/articles", content=content, headers={**AUTH, "Content-Type": kind})
    assert response.status_code == status, response.text
    value = response.json()
    assert value.get("error") or value.get("errors")  # what was wrong: the request, or each record
    with Store.open(db, readonly=True) as store:
        assert store.counts()["articles"] == before


def test_oversize_bodies_are_413_declared_or_streamed(writable_desk: tuple[str, Path]) -> None:
    base, _ = writable_desk
    big = json.dumps({**NEW_ARTICLE, "text": "كلمة " * SMALL_BODY}).encode()
    declared = httpx.post(f"{base}/api/articles", content=big, headers={**AUTH, "Content-Type": "application/json"})
    assert declared.status_code == 413 and declared.json()["error"]["status"] == 413

    def chunks() -> object:
        """Yield the body in pieces, with no Content-Length."""
        for i in range(0, len(big), 8192):
            yield big[i : i + 8192]

    streamed = httpx.post(f"{base}/api/articles", content=chunks(), headers=AUTH)  # type: ignore[arg-type]
    assert streamed.status_code == 413
