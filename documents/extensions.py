from .services import documents_anonymise

# Stored PDFs hold her data: they go when she is anonymised.
ANONYMISERS = [documents_anonymise]
