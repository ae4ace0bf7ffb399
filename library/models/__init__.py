from library.models.digest import DigestSubscription
from library.models.pages import CONTEXT_ATTRIBUTES, ResourceIndexPage, ResourcePage, ResourceType
from library.models.search import SearchChannel, SearchEntry, SearchRecord
from library.models.snippets import ResourceLanguage, ResourceRegion, ResourceStage, Theme

__all__ = [
    "CONTEXT_ATTRIBUTES",
    "DigestSubscription",
    "ResourceIndexPage",
    "ResourceLanguage",
    "ResourcePage",
    "ResourceRegion",
    "ResourceStage",
    "ResourceType",
    "SearchChannel",
    "SearchEntry",
    "SearchRecord",
    "Theme",
]
