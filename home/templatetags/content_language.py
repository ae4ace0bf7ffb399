"""`{{ page|content_language }}`: see home.languages."""

from django import template

from home import languages

register = template.Library()
register.filter("content_language", languages.content_language)
