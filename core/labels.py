"""Field names as people read them: the model's verbose names, never the Python names."""


def field_labels(model, names) -> str:
    """``"economy, family_situation"`` → ``"økonomi, familiesituasjon"``, in the model's order."""
    wanted = set(names)
    fields = [f for f in model._meta.get_fields() if f.name in wanted]
    unknown = wanted - {f.name for f in fields}
    labels = [str(getattr(f, "verbose_name", f.name)) for f in fields] + sorted(unknown)
    return ", ".join(labels)
