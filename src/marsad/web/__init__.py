"""The analyst's desk: a web UI and a REST API over a marsad store (`marsad serve`).

In: a store file (marsad.store), read-only unless a write token is given. Out: pages in Arabic,
right to left, that need no JavaScript (`templates/`, `static/`), each also JSON at its address +
`.json`, and the API under /api with its OpenAPI schema. `views` computes each page's data once for
both; `markup` shapes it for drawing; `app` routes requests (FastAPI, served by uvicorn).
"""

from marsad.web.app import create_app

__all__ = ["create_app"]
