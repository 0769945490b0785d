from django import template
from django.utils.html import format_html

from core.formtokens import FIELD, token_for

register = template.Library()


@register.simple_tag(takes_context=True)
def form_token(context) -> str:
    """The hidden one-time token of a creating form (core.formtokens)."""
    request = context.get("request")
    if request is None:
        return ""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, token_for(request))
