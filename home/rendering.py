"""The site's form renderer (settings.FORM_RENDERER)."""

from django.forms.renderers import DjangoTemplates


class BoundedEchoRenderer(DjangoTemplates):
    """Django's own renderer, except that a field sent back with more characters than its
    `maxlength` shows only that many: a browser never sends more, so the excess is a probe, and
    echoing it would turn one oversized post into a page megabytes long."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget and isinstance(widget.get("value"), str):
            limit = widget.get("attrs", {}).get("maxlength")
            if limit is not None and str(limit).isdigit() and len(widget["value"]) > int(limit):
                context = {**context, "widget": {**widget, "value": widget["value"][:int(limit)]}}
        return super().render(template_name, context, request=request)
