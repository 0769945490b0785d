from django import template

from accounts.roles import role_labels as _role_labels

register = template.Library()


@register.filter
def role_labels(names) -> str:
    return _role_labels(names)
