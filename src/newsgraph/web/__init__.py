"""The corpus on the web: an HTTP API (FastAPI, JSON) and server-rendered pages (Jinja), both
answered by the store's query functions, so every page has a JSON twin."""

from .app import create_app
from .settings import ServerSettings

__all__ = ["ServerSettings", "create_app"]
