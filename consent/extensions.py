from .models import ConsentPurpose
from .services import valid_consent_exists


def _county_consent():
    return valid_consent_exists(ConsentPurpose.SHARE_WITH_COUNTY)


CASELOAD_ANNOTATIONS = [("county_consent", _county_consent)]
