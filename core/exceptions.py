class DomainError(Exception):
    """A business rule refused an action; the message is Norwegian and shown as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
