"""The gazetteer, loaded once per process from a cache built from the installed packages.

Building the gazetteer reads ~100 MB of JSON (about 15 s); the built columns pickle to ~16 MB and
load in about 0.3 s. The pickle lives in the user's cache folder (``NEWSGRAPH_CACHE_DIR``, else
``$XDG_CACHE_HOME/newsgraph``, else ``~/.cache/newsgraph``) under a name made from the versions
of the source packages, the team's data files and :data:`BUILD_VERSION`, so upgrading any of them
rebuilds it. Where the folder cannot be written the gazetteer is built in memory each process.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path

from .datafiles import DATA_FILES, data_text
from .gazetteer import Gazetteer
from .sources import CityOptions, build_gazetteer, package_versions

BUILD_VERSION = "5"  # bump when sources.py changes what it builds
CACHE_VARIABLE = "NEWSGRAPH_CACHE_DIR"
CITIES_VARIABLE = "NEWSGRAPH_GAZETTEER_CITIES"
CITY_FILES = (500, 1000, 5000, 15000)


def default_options() -> CityOptions:
    """Cities of GeoNames' ``cities500`` file, or the smaller file ``NEWSGRAPH_GAZETTEER_CITIES``
    names (1000, 5000 or 15000: less memory and load time, fewer small places)."""
    configured = os.environ.get(CITIES_VARIABLE)
    if not configured:
        return CityOptions()
    if not configured.isdigit() or int(configured) not in CITY_FILES:
        raise ValueError(f"{CITIES_VARIABLE} must be one of {CITY_FILES}, not {configured!r}")
    return CityOptions(min_population=int(configured))


def cache_dir() -> Path:
    configured = os.environ.get(CACHE_VARIABLE)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsgraph"


def cache_path(options: CityOptions) -> Path:
    """Where the gazetteer built with ``options`` from the installed packages is cached."""
    digest = hashlib.sha256()
    parts = [BUILD_VERSION, repr(options), *sorted(package_versions().items())]
    parts += [data_text(name) for name in DATA_FILES]
    for part in parts:
        digest.update(str(part).encode("utf-8") + b"\0")
    prefix = f"places-{options.min_population}-{options.alternates_min_population}"
    return cache_dir() / f"{prefix}-{digest.hexdigest()[:16]}.pickle"


def _read(path: Path) -> Gazetteer | None:
    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None
    return found if isinstance(found, Gazetteer) else None


def _write(path: Path, gazetteer: Gazetteer) -> None:
    """Write atomically (parallel processes never read half a file) and drop stale builds.

    Failing to write only costs the next process a rebuild.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False)
    except OSError:
        return
    try:
        with handle:
            pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        Path(handle.name).unlink(missing_ok=True)
        return
    prefix = path.name.rsplit("-", 1)[0]
    for stale in path.parent.glob(f"{prefix}-*.pickle"):
        if stale != path:
            stale.unlink(missing_ok=True)


def load_gazetteer(options: CityOptions | None = None) -> Gazetteer:
    """The gazetteer for ``options`` (default: :func:`default_options`), loaded once per process:
    from the cache, else built (and cached) now."""
    return _load(options or default_options())


@cache
def _load(options: CityOptions) -> Gazetteer:
    path = cache_path(options)
    gazetteer = _read(path)
    if gazetteer is None:
        gazetteer = build_gazetteer(options)
        _write(path, gazetteer)
    return gazetteer
