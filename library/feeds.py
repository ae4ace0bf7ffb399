"""Atom and RSS feeds of new resources, filtered by the same parameters as /library/."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from library.forms import search_params
from library.selectors import search_resources

FEED_SIZE = 30


class ResourceFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, index_page):
        params = search_params(request.GET, per_page=FEED_SIZE)
        params.update(sort="newest", page=1)
        self.request = request
        return {"index": index_page, "result": search_resources(**params)}

    def title(self, obj):
        if obj["result"].has_filters:
            return _("PB Exchange library: new resources matching your search")
        return _("PB Exchange library: new resources")

    def link(self, obj):
        query = self.request.META.get("QUERY_STRING", "")
        return obj["index"].get_url(self.request) + (f"?{query}" if query else "")

    def description(self, obj):
        return _("New guidance for people who run participatory budgeting.")

    def items(self, obj):
        return obj["result"].results

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        """The resource's own publication date, not when it was added to the site."""
        return datetime.datetime.combine(item.publication_date, datetime.time(), tzinfo=datetime.UTC)

    def item_updateddate(self, item):
        return self.item_pubdate(item)

    def item_author_name(self, item):
        return item.authors or None

    def item_categories(self, item):
        return [item.get_resource_type_display()] + [str(stage) for stage in item.stages.all()]


class RssResourceFeed(ResourceFeed):
    feed_type = Rss201rev2Feed


class AtomResourceFeed(ResourceFeed):
    feed_type = Atom1Feed
    subtitle = ResourceFeed.description
