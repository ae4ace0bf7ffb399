"""A version stamp for everything the library caches: any change to a resource or theme renews it."""

import uuid

from django.core.cache import cache

VERSION_KEY = "library:version"
# Other web workers with a per-process cache see a change within this many seconds.
TIMEOUT = 120


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex[:12]
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def renew_version(**_kwargs):
    """Signal receiver: forget cached searches and facet counts."""
    cache.set(VERSION_KEY, uuid.uuid4().hex[:12], None)
