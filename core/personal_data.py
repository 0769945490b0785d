"""The personal data each app holds about a participant, declared in one place per app.

An app with models that lead to the participant (directly or through another model) writes a
module ``<app>/personal_data.py`` holding ``DECLARATIONS``, a list of :class:`Declaration`:
one per model, saying how it appears in the innsyn copy (a section in the order of her
journey, with Norwegian labels) and how anonymisation treats it (:class:`Wipe`,
:class:`Delete` or :class:`Keep` with the reason). The model's simple-history table follows
the declaration by itself, and every FileField must be named in ``files``. A module may also
hold ``SECTIONS``, a list of :class:`Derived`: innsyn sections computed from several tables
(the change history, who looked, what was disclosed).

The innsyn (documents) and the anonymisation (participants) are built from these, and the
system check ``core.E010`` fails for any participant-linked model nobody declared, so a new
table cannot quietly fall outside both. Core knows no domain: models are named by label and
the participant model by ``SUBJECT``.
"""

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from typing import Any

from django.apps import apps
from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.utils.module_loading import module_has_submodule

MODULE = "personal_data"
SUBJECT = "participants.Participant"

log = logging.getLogger(__name__)


# --- how a row is anonymised -------------------------------------------------------------


@dataclass(frozen=True)
class Wipe:
    """Keep the rows (statistics count them) but blank every free-text and file field.

    ``keep`` names text fields left as they are, each with the reason; ``values`` overwrites
    fields with a constant or a database expression (applied by one UPDATE)."""

    keep: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Delete:
    """Delete the rows: nothing in them is needed once she is anonymised."""


@dataclass(frozen=True)
class Keep:
    """Keep the rows as they are, for the stated reason (they hold nothing but the link)."""

    reason: str


Strategy = Wipe | Delete | Keep


# --- how a row appears in innsyn ---------------------------------------------------------

# A column is (label, accessor): an attribute path with "__" through related objects
# ("company__name", "get_status_display") or a function of the row.
Column = tuple[str, str | Callable[[Any], Any]]


@dataclass(frozen=True)
class Declaration:
    model: str  # "app_label.ModelName"
    path: str  # lookup from the model to the participant: "participant", "card__participant"
    title: str  # the innsyn section, in plain Norwegian
    order: int  # where the section comes in her journey
    columns: tuple[Column, ...]
    anonymise: Strategy
    files: tuple[str, ...] = ()  # FileFields holding her documents
    ordering: tuple[str, ...] = ()
    select_related: tuple[str, ...] = ()  # besides those the column paths imply
    single: bool = False  # one row at most: shown as label/value pairs
    # The simple-history table's own section ("" for none, e.g. when a Derived shows it).
    history_title: str | None = None
    # Builds the section instead of the generic table (e.g. a log summarised by day).
    build: Callable[[Any], "Section"] | None = None

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    @property
    def history_model(self) -> type[models.Model] | None:
        return history_model_of(self.model_class)


@dataclass(frozen=True)
class Derived:
    """An innsyn section computed from several tables: ``build(participant) -> Section``."""

    order: int
    build: Callable[[Any], "Section"]


@dataclass
class Section:
    title: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    empty_text: str = "Ingen opplysninger."


# --- discovery ---------------------------------------------------------------------------


@cache
def _modules() -> tuple:
    found = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, MODULE):
            found.append(import_module(f"{config.name}.{MODULE}"))
    return tuple(found)


def clear_cache() -> None:
    _modules.cache_clear()


def declarations() -> list[Declaration]:
    """Every app's declarations, in the order of her journey."""
    found = [d for module in _modules() for d in getattr(module, "DECLARATIONS", ())]
    return sorted(found, key=lambda d: d.order)


def derived_sections() -> list[Derived]:
    found = [d for module in _modules() for d in getattr(module, "SECTIONS", ())]
    return sorted(found, key=lambda d: d.order)


def history_model_of(model) -> type[models.Model] | None:
    manager = getattr(model, "history", None)
    history = getattr(manager, "model", None)
    if history is not None and history is not model and hasattr(history, "history_id"):
        return history
    return None


# --- which models lead to the participant ------------------------------------------------


def _forward_relations(model):
    return [
        f
        for f in model._meta.get_fields()
        if f.is_relation and f.concrete and (f.many_to_one or f.one_to_one) and f.related_model
    ]


def linked_models() -> dict[str, type[models.Model]]:
    """Every installed model with a foreign-key path to the participant, by label.

    History tables are included (their foreign keys are copies of the original's), as are
    auto-created many-to-many tables."""
    subject = apps.get_model(SUBJECT)
    every = list(apps.get_models(include_auto_created=True))
    linked: set = {subject}
    changed = True
    while changed:
        changed = False
        for model in every:
            if model in linked:
                continue
            if any(f.related_model in linked for f in _forward_relations(model)):
                linked.add(model)
                changed = True
    return {m._meta.label: m for m in linked}


def _file_fields(model) -> set[str]:
    return {f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)}


def _leads_to_subject(model, path: str) -> bool:
    current = model
    for part in [p for p in path.split("__") if p]:
        try:
            f = current._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        if not (f.is_relation and f.concrete and f.related_model):
            return False
        current = f.related_model
    return current._meta.label == SUBJECT


@checks.register()
def check_personal_data(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """core.E010: a participant-linked model, history table or file field nobody declared."""
    if not apps.is_installed(SUBJECT.split(".")[0]):
        return []
    declared = {d.model: d for d in declarations()}
    covered = set(declared)
    for d in declared.values():
        history = d.history_model
        if history is not None:
            covered.add(history._meta.label)
    errors = []
    for label, model in sorted(linked_models().items()):
        if label not in covered:
            errors.append(
                checks.Error(
                    f"{label} holds data about a participant but no app declares it.",
                    hint=(
                        f"Add a Declaration for {label} to DECLARATIONS in "
                        f"{model._meta.app_config.name}.{MODULE} (innsyn section and "
                        "anonymisation)."
                    ),
                    obj=model,
                    id="core.E010",
                )
            )
    for d in declared.values():
        try:
            model = d.model_class
        except LookupError:
            errors.append(checks.Error(f"{d.model} is declared but not installed.", id="core.E011"))
            continue
        if not _leads_to_subject(model, d.path):
            errors.append(
                checks.Error(
                    f"{d.model}: the path {d.path!r} does not lead to {SUBJECT}.",
                    obj=model,
                    id="core.E011",
                )
            )
        missing = _file_fields(model) - set(d.files)
        if missing:
            errors.append(
                checks.Error(
                    f"{d.model} has file fields not declared in files: {sorted(missing)}.",
                    obj=model,
                    id="core.E010",
                )
            )
    return errors


# --- reading: the rows of one declaration, in one query ----------------------------------


def _related_paths(declaration: Declaration, model) -> list[str]:
    """select_related paths implied by the column accessors ("company__name" -> "company")."""
    paths = set(declaration.select_related)
    for _label, accessor in declaration.columns:
        if not isinstance(accessor, str) or "__" not in accessor:
            continue
        parts = accessor.split("__")[:-1]
        current, walked = model, []
        for part in parts:
            try:
                f = current._meta.get_field(part)
            except FieldDoesNotExist:
                break
            if not (f.is_relation and (f.many_to_one or f.one_to_one)):
                break
            walked.append(part)
            current = f.related_model
        if walked:
            paths.add("__".join(walked))
    return sorted(paths)


def rows_of(declaration: Declaration, participant, *, history: bool = False):
    """Her rows of one declared model (or its history table): one query, whatever their number."""
    model = declaration.history_model if history else declaration.model_class
    if declaration.model == SUBJECT:
        qs = model._default_manager.filter(**{"id" if history else "pk": participant.pk})
    else:
        qs = model._default_manager.filter(**{declaration.path: participant})
    related = _related_paths(declaration, model)
    if history:
        related = [p for p in related if "__" not in p and _is_forward(model, p)]
        related.append("history_user")
        qs = qs.order_by("-history_date", "-history_id")
    elif declaration.ordering:
        qs = qs.order_by(*declaration.ordering)
    return qs.select_related(*related) if related else qs


def _is_forward(model, name: str) -> bool:
    try:
        f = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return f.is_relation and f.concrete


def value_of(obj, accessor) -> Any:
    if callable(accessor):
        return accessor(obj)
    value = obj
    for part in accessor.split("__"):
        if value is None:
            return None
        value = getattr(value, part, None)
        if callable(value):
            value = value()
    return value


# --- anonymising -------------------------------------------------------------------------


def _text_fields(model, keep) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and not f.primary_key
        and not f.unique
        and f.name not in keep
    ]


def _blank(f: models.Field):
    return None if f.null else ""


def anonymise_rows(participant) -> list[str]:
    """Apply every declaration to her rows, in the caller's transaction; returns the names
    of files to delete from storage once it commits. History rows repeat the old values
    and are deleted for every declared model."""
    files: list[tuple[Any, str]] = []
    # Deepest paths first: a message goes before the card it hangs on.
    ordered = sorted(declarations(), key=lambda d: -d.path.count("__"))
    for d in ordered:
        model = d.model_class
        if d.model == SUBJECT:
            qs = model._default_manager.filter(pk=participant.pk)
        else:
            qs = model._default_manager.filter(**{d.path: participant})
        strategy = d.anonymise
        for name in d.files:
            storage = model._meta.get_field(name).storage
            for stored in qs.exclude(**{name: ""}).values_list(name, flat=True):
                if stored:
                    files.append((storage, stored))
        if isinstance(strategy, Delete):
            qs.delete()
        elif isinstance(strategy, Wipe):
            changes = {f.name: _blank(f) for f in _text_fields(model, strategy.keep)}
            changes.update({name: "" for name in d.files})
            changes.update(strategy.values)
            if changes:
                qs.update(**changes)
        # Last: deleting a tracked row writes one more history row, a full copy of it.
        history = d.history_model
        if history is not None:
            lookup = {"id": participant.pk} if d.model == SUBJECT else {d.path: participant}
            history._default_manager.filter(**lookup).delete()

    def delete_files():
        for storage, name in files:
            try:
                if not storage.exists(name):
                    log.warning("Anonymisation: stored file %s was already missing", name)
                    continue
                storage.delete(name)
            except OSError:
                log.exception("Anonymisation: could not delete stored file %s", name)

    transaction.on_commit(delete_files)
    return [name for _storage, name in files]
