"""The desk's ASGI app: pages and their `.json` twins, the REST API under /api, and ingest by POST.

Every page is one view function of marsad.web.views, rendered as HTML by a template or returned as
JSON at the same address + `.json` (and under /api). Reads use a read-only SQLite connection per
request; writes (POST /api/articles) need the bearer token given at start, run one at a time, and go
through the same ingest as the CLI. Article text is untrusted: templates escape everything and the
Content-Security-Policy allows no script at all.
"""

from __future__ import annotations

import hmac
import json
import re
import tempfile
import threading
from collections.abc import AsyncGenerator, Awaitable, Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Annotated as Param
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.formparsers import MultiPartException, MultiPartParser

from marsad import __version__, ingest, pipeline, report
from marsad.store import Store, StoreError
from marsad.store.browse import Filters
from marsad.web import markup, views

HERE = Path(__file__).parent
# Largest request body accepted (JSON or uploaded files): a day of one outlet's articles as JSON is a few
# MB; anything larger is an archive for `marsad ingest` on the machine. A limit, not a measurement.
MAX_BODY = 20 * 1024 * 1024
# Pages (HTML or JSON) kept as sent, per address and store state: the same story list, story or search asked
# again is answered without reading or drawing anything. A page is tens to hundreds of kB (the seeds'
# story page 87 kB); a memory bound, not a measured optimum.
CACHED_PAGES = 128
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
DAY = r"^\d{4}-\d{2}-\d{2}$"
SAFE_NAME_RE = re.compile(r"[^\w.\-]+")


Q = Param[str | None, Query(max_length=500, description="words that a member article contains (spelling-folded)")]
OUTLET = Param[str | None, Query(max_length=200, description="an outlet among the members")]
ENTITY = Param[str | None, Query(max_length=200, description="a store entity id among the story's entities")]
SINCE = Param[str | None, Query(pattern=DAY, description="YYYY-MM-DD: stories active on or after this day")]
UNTIL = Param[str | None, Query(pattern=DAY, description="YYYY-MM-DD: stories begun on or before this day")]
NEXT = Param[str | None, Query(alias="_next", max_length=200, description="the `next` key of the page before")]
LIMIT = Param[int, Query(ge=1, le=views.MAX_PAGE_SIZE, description="stories or hits per page")]
OFFSET = Param[int | None, Query(ge=0, le=2**31, description="with `end`: a span of the body to mark as cited")]
TEXT = Param[str, Query(max_length=500, description="words to find (all must occur; spelling-folded)")]


class Desk:
    """What the app holds: the store's path, the write token, what is kept between requests, the one-writer lock."""

    def __init__(self, db: Path, token: str | None, max_body: int) -> None:
        """Keep the settings; nothing is opened until a request comes."""
        self.db = db
        self.token = token
        self.max_body = max_body
        self.kept = views.Kept()
        self.pages: views.Recent[tuple[str, tuple[int, int]], tuple[bytes, str, int]] = views.Recent(CACHED_PAGES)
        self.writer = threading.Lock()


def reader(request: Request) -> Iterator[Store]:
    """Yield a read-only connection to the app's store for one request."""
    desk: Desk = request.app.state.desk
    if not desk.db.exists():
        raise HTTPException(503, f"no store at {desk.db}: add articles with `marsad ingest PATH --db {desk.db}`")
    store = Store.open(desk.db, readonly=True)
    try:
        yield store
    finally:
        store.close()


def authorize(request: Request) -> None:
    """Refuse a write without the right bearer token (403 when the server is read-only)."""
    token: str | None = request.app.state.desk.token
    if token is None:
        raise HTTPException(403, "this server is read-only: start it with --token to accept articles")
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(401, "a valid bearer token is needed to add articles",
                            headers={"WWW-Authenticate": "Bearer"})


STORE = Param[Store, Depends(reader)]


TEMPLATES = Jinja2Templates(directory=str(HERE / "templates"))
TEMPLATES.env.globals.update(markup=markup, version=__version__)
router = APIRouter()


def create_app(db: str | Path, *, token: str | None = None, max_body: int = MAX_BODY) -> FastAPI:
    """Build the desk's app over the store file `db`; without a `token` it is read-only."""
    app = FastAPI(title="marsad", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Stories, articles, entities and search over a marsad store; POST articles with a token.")
    app.state.desk = Desk(Path(db), token or None, max_body)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(router)
    app.middleware("http")(_headers)
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(views.NotFoundError, _not_found)  # type: ignore[arg-type]
    app.add_exception_handler(StoreError, _unusable)  # type: ignore[arg-type]
    return app


async def _headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Add the security headers to every response."""
    response = await call_next(request)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _wants_json(request: Request) -> bool:
    """Return True for the API and the `.json` twins."""
    return request.url.path.startswith("/api/") or request.url.path.endswith(".json")


def _error(request: Request, status: int, message: str, details: Any = None) -> Response:
    """Return an error as JSON ({"error": {...}}) or as the error page."""
    if _wants_json(request):
        body: dict[str, Any] = {"status": status, "message": message}
        if details is not None:
            body["details"] = details
        return JSONResponse({"error": body}, status_code=status)
    return TEMPLATES.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """Render an HTTP error the way the address asks (JSON or page), keeping its headers."""
    response = _error(request, exc.status_code, str(exc.detail))
    response.headers.update(exc.headers or {})
    return response


async def _invalid(request: Request, exc: RequestValidationError) -> Response:
    """A parameter or body that does not parse: 422 with what was wrong."""
    details = [{"where": list(map(str, e.get("loc", ()))), "message": e.get("msg", "")} for e in exc.errors()]
    return _error(request, 422, "invalid request", details)


async def _not_found(request: Request, exc: views.NotFoundError) -> Response:
    """An unknown id: 404."""
    return _error(request, 404, str(exc))


async def _unusable(request: Request, exc: StoreError) -> Response:
    """A store that cannot be read (newer, older, not a store): 503 naming it."""
    return _error(request, 503, str(exc))


def _page(request: Request, template: str, data: dict[str, Any], **context: Any) -> Response:
    """Return a view's data as JSON or rendered by its template."""
    if _wants_json(request):
        return JSONResponse(data)
    return TEMPLATES.TemplateResponse(request, template, {"data": data, **context})


def _kept(request: Request, store: Store, make: Callable[[], Response]) -> Response:
    """Return the page made for this address while the store has not changed since, else make and keep it."""
    def made() -> tuple[bytes, str, int]:
        """Make the page and keep what is sent."""
        response = make()
        return bytes(response.body), str(response.media_type), response.status_code

    body, media_type, status = request.app.state.desk.pages.get((str(request.url), store.stamp()), made)
    return Response(body, status_code=status, media_type=media_type)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
@router.get("/.json", include_in_schema=False)
@router.get("/stories.json", include_in_schema=False)
@router.get("/api/stories", summary="Stories, newest activity first, filtered, one keyset page at a time")
def stories(request: Request, store: STORE, q: Q = None, outlet: OUTLET = None, entity: ENTITY = None,
            since: SINCE = None, until: UNTIL = None, after: NEXT = None, limit: LIMIT = views.PAGE_SIZE) -> Response:
    """List stories with their coverage, the next page's key, the count and facet counts."""
    filters = Filters(q=q or None, outlet=outlet or None, entity=entity or None, since=since or None,
                      until=until or None)

    def make() -> Response:
        """Read and draw the page."""
        try:
            data = views.stories(store, request.app.state.desk.kept, filters, after or None, limit)
        except ValueError:
            raise HTTPException(400, f"_next: not a page key: {after!r}") from None
        return _page(request, "stories.html", data)

    return _kept(request, store, make)


@router.get("/stories", include_in_schema=False)
def stories_alias(request: Request) -> Response:
    """The story list lives at /."""
    return RedirectResponse("/" + (f"?{request.url.query}" if request.url.query else ""), status_code=308)


# Decorators register bottom-up: the .json twin must come first, or "/stories/{story_id}" takes "x.json" as an id.
@router.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
@router.get("/api/stories/{story_id}", summary="One story: the JSON report's story object and its members")
@router.get("/stories/{story_id}.json", include_in_schema=False)
def story(request: Request, story_id: str, store: STORE) -> Response:
    """One story with its brief, sources, claims, conflicts, quotes, timeline and entities."""
    return _kept(request, store, lambda: _page(request, "story.html",
                                                views.story(store, request.app.state.desk.kept, story_id)))


@router.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
@router.get("/api/articles/{article_id}", summary="One article: cleaned body, metadata and what was found in it")
@router.get("/articles/{article_id}.json", include_in_schema=False)
def article(request: Request, article_id: str, store: STORE, start: OFFSET = None, end: OFFSET = None) -> Response:
    """One article; `start` and `end` mark a cited span of its body."""
    cited = (start, end) if start is not None and end is not None else None
    return _kept(request, store, lambda: _page(request, "article.html",
                                                views.article(store, request.app.state.desk.kept, article_id),
                                                cited=cited))


@router.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
@router.get("/api/entities/{entity_id}", summary="One entity across the store: spellings, roles, stories, quotes")
@router.get("/entities/{entity_id}.json", include_in_schema=False)
def entity(request: Request, entity_id: str, store: STORE) -> Response:
    """One store-wide entity."""
    return _kept(request, store, lambda: _page(request, "entity.html", views.entity(store, entity_id)))


@router.get("/search.json", include_in_schema=False)
@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
@router.get("/api/search", summary="Full-text search over articles (spelling variants match)")
def search(request: Request, store: STORE, q: TEXT = "", limit: LIMIT = views.SEARCH_HITS) -> Response:
    """Articles matching every word of `q`, best first."""
    return _kept(request, store, lambda: _page(request, "search.html", views.search(store, q, limit)))


@router.get("/api/health", summary="Whether the store can be read, its totals, and whether writes are open")
def health(request: Request, store: STORE) -> dict[str, Any]:
    """The store's totals and the server's mode."""
    return {"status": "ok", "version": __version__, "schema": store.schema_version(), **store.counts(),
            "writable": request.app.state.desk.token is not None}


@router.post("/api/articles", status_code=201, dependencies=[Depends(authorize)],
             summary="Add articles: a JSON object or array of them, or uploaded files (multipart)",
             responses={200: {"description": "everything was stored already"},
                        413: {"description": "body over the size limit"},
                        422: {"description": "no article could be read"}})
async def add(request: Request) -> Response:
    """Ingest the articles of the request; the stories they join or start update."""
    desk: Desk = request.app.state.desk
    body = await _bounded(request, desk.max_body)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        result = await _ingest_files(request, body, desk)
    else:
        try:
            value = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise HTTPException(400, f"the body is not JSON: {exc}") from None
        records = value if isinstance(value, list) else [value]
        if not records or not all(isinstance(r, dict) for r in records):
            raise HTTPException(422, 'send an article object ({"text": ..., "title": ...}) or an array of them')
        result = await run_in_threadpool(desk_ingest, desk, lambda store: pipeline.ingest_documents(
            store, list(ingest.read_records(records)), workers=1))
    out = report.ingest_json(*result)
    status = 201 if out["added"] else 200 if out["skipped"] else 422
    return JSONResponse(out, status_code=status)


def desk_ingest(desk: Desk, run: Callable[[Store], pipeline.IngestResult]) -> tuple[pipeline.IngestResult,
                                                                                  dict[str, int]]:
    """Run one ingest into the store, one writer at a time; return its result and the store's totals."""
    with desk.writer, Store.open(desk.db) as store:
        result = run(store)
        return result, store.counts()


async def _bounded(request: Request, limit: int) -> bytes:
    """Return the request body, refusing (413) one over `limit` bytes before reading it all."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"the body is over {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"the body is over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def _ingest_files(request: Request, body: bytes, desk: Desk) -> tuple[pipeline.IngestResult, dict[str, int]]:
    """Ingest uploaded files as `marsad ingest` reads files (errors name the uploaded file)."""
    async def once() -> AsyncGenerator[bytes, None]:
        """Yield the body already read."""
        yield body

    try:
        form = await MultiPartParser(request.headers, once()).parse()
    except MultiPartException as exc:
        raise HTTPException(400, f"bad multipart body: {exc.message}") from None
    uploads = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
    if not uploads:
        raise HTTPException(422, "no file in the multipart body")
    with tempfile.TemporaryDirectory(prefix="marsad-upload-") as tmp:
        paths = []
        for n, upload in enumerate(uploads):
            name = SAFE_NAME_RE.sub("_", Path(upload.filename or "").name).lstrip(".") or "upload"
            path = Path(tmp) / f"{n:04d}-{name}"
            path.write_bytes(await upload.read())
            paths.append(path)
        result, totals = await run_in_threadpool(desk_ingest, desk,
                                                  lambda store: pipeline.ingest_into(store, paths, workers=1))
    prefix = f"{tmp}/"
    errors = tuple(type(e)(e.origin.replace(prefix, "", 1), e.message) for e in result.errors)
    return replace(result, errors=errors), totals
