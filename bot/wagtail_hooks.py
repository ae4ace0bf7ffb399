from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from bot.models import FAQEntry


class FAQEntryViewSet(SnippetViewSet):
    model = FAQEntry
    menu_label = _("Bot FAQ")
    icon = "help"
    add_to_admin_menu = True
    list_display = ["question", "language", "live"]
    list_filter = ["language", "live"]
    search_fields = ["question", "keywords", "answer"]


register_snippet(FAQEntryViewSet)
