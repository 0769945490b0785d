from django import template
from django.utils.safestring import mark_safe

from workday.categories import icon

register = template.Library()


@register.simple_tag
def category_icon(key: str):
    # Safe: icon() escapes every value it puts into its fixed markup.
    return mark_safe(icon(key, decorative=True)) if key else ""  # nosec B308 B703
