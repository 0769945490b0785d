"""Extension points, found through Django's app registry instead of lists to remember.

An app that lets others extend it names its points on its AppConfig::

    class ParticipantsConfig(AppConfig):
        extension_points = {"PARTICIPANT_SECTIONS": "sections of the participant page"}

and an app that contributes writes a module ``<app>/extensions.py`` holding lists under
those names. ``collect(name)`` returns every app's items in INSTALLED_APPS order. The
system check ``core.E001`` refuses a name in an extensions module that no app declares,
so a misspelt contribution fails ``manage.py check`` instead of vanishing silently.
"""

from functools import cache
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.core import checks
from django.utils.module_loading import module_has_submodule

MODULE = "extensions"


@cache
def contributors() -> tuple[tuple[str, ModuleType], ...]:
    found = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, MODULE):
            found.append((config.label, import_module(f"{config.name}.{MODULE}")))
    return tuple(found)


def declared_points() -> dict[str, str]:
    points: dict[str, str] = {}
    for config in apps.get_app_configs():
        for name in getattr(config, "extension_points", {}):
            points[name] = config.label
    return points


def collect(name: str) -> list:
    """Every app's contributions to the point ``name``."""
    if name not in declared_points():
        raise LookupError(f"No app declares the extension point {name}")
    items: list = []
    for _label, module in contributors():
        items.extend(getattr(module, name, ()))
    return items


@checks.register()
def check_extensions(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    points = declared_points()
    errors = []
    for label, module in contributors():
        for name, value in vars(module).items():
            # Contributions are lists; other upper-case names (imported constants) are not.
            if name.isupper() and isinstance(value, list | tuple) and name not in points:
                errors.append(
                    checks.Error(
                        f"{label}.{MODULE}.{name} is not an extension point any app declares.",
                        hint=f"Declared points: {', '.join(sorted(points))}.",
                        obj=module.__name__,
                        id="core.E001",
                    )
                )
    return errors
