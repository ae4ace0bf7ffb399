"""What every email the site sends ends with: the site's name and address."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def site_name():
    """The site's name as people know it (never the host the request came through)."""
    return settings.WAGTAIL_SITE_NAME


@register.simple_tag
def site_url():
    """The site's public address."""
    return settings.SITE_URL.rstrip("/") + "/"
