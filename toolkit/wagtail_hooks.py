from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from toolkit.forms import DecisionTreeForm
from toolkit.models import DecisionTree


class DecisionTreeViewSet(SnippetViewSet):
    model = DecisionTree
    icon = "help"
    menu_label = _("Design toolkit")
    menu_name = "toolkit"
    add_to_admin_menu = True
    list_display = ["title", "locale", "live"]
    edit_handler = ObjectList(
        [FieldPanel("title"), FieldPanel("intro"), FieldPanel("questions"),
         FieldPanel("recommendations")],
        base_form_class=DecisionTreeForm,
    )


register_snippet(DecisionTreeViewSet)
