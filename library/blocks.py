"""StreamField blocks for the body of a resource."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class CalloutBlock(blocks.StructBlock):
    """A highlighted tip or pitfall from practice."""

    kind = blocks.ChoiceBlock(
        choices=[("tip", _("Tip")), ("pitfall", _("Pitfall"))], default="tip", label=_("kind")
    )
    text = blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("text"))

    class Meta:
        icon = "warning"
        template = "library/blocks/callout.html"
        label = _("Tip or pitfall")


class ResourceBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title",
        icon="title",
        template="library/blocks/heading.html",
        label=_("Heading"),
    )
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "document-link"], label=_("Paragraph")
    )
    quote = blocks.BlockQuoteBlock(label=_("Quote"))
    callout = CalloutBlock()
