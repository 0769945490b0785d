from django.conf import settings

PAGE_SIZES = (10, 25, 50, 100)


def page_size(request) -> int:
    """The page size asked for with ?per_side=, if it is one we offer; else the default."""
    try:
        asked = int(request.GET.get("per_side", ""))
    except ValueError:
        return settings.PAGE_SIZE
    return asked if asked in PAGE_SIZES else settings.PAGE_SIZE
