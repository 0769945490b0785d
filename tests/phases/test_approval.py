"""Three-party approval of the oppfølgingsavtale: participant, employer and veileder."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from core.exceptions import DomainError
from phases.approvals import AgreementState, activation_refusal, missing_parties
from phases.models import AgreementApproval, ApprovalParty, FollowUpAgreement, OnBehalfReason
from phases.selectors import agreement_status, agreement_versions
from phases.services import agreement_activate, agreement_approve, agreement_save
from tests.factories import ParticipantFactory
from tests.phases.test_plan import AGREEMENT

pytestmark = pytest.mark.django_db
P = ApprovalParty


def _approve_all(agreement, actor, *, skip=()):
    if P.DELTAKER not in skip:
        agreement_approve(
            agreement=agreement,
            actor=actor,
            party=P.DELTAKER,
            on_behalf_reason=OnBehalfReason.NO_BANKID,
        )
    if P.ARBEIDSGIVER not in skip:
        agreement_approve(
            agreement=agreement, actor=actor, party=P.ARBEIDSGIVER, approver_name="Kari Leder"
        )
    if P.VEILEDER not in skip:
        agreement_approve(agreement=agreement, actor=actor, party=P.VEILEDER)


def test_rules_name_the_missing_parties_in_a_fixed_order():
    assert missing_parties([]) == ["deltaker", "arbeidsgiver", "veileder"]
    assert missing_parties(["veileder", "deltaker"]) == ["arbeidsgiver"]
    assert "arbeidsgiver, NAV-veileder" in activation_refusal(["deltaker"])
    assert activation_refusal(["deltaker", "arbeidsgiver", "veileder"]) == ""


def test_the_agreement_is_active_only_after_all_three_approvals(veileder, participant):
    agreement = agreement_save(participant=participant, actor=veileder, **AGREEMENT)
    assert agreement_status(participant)["agreement"].state == AgreementState.VENTER
    _approve_all(agreement, veileder, skip=[P.VEILEDER])
    agreement.refresh_from_db()
    assert agreement.activated_at is None
    status = agreement_status(participant)
    assert status["agreement"].state == AgreementState.VENTER
    assert status["agreement"].missing == ["veileder"]
    assert status["active_version"] is None

    agreement_approve(agreement=agreement, actor=veileder, party=P.VEILEDER)
    agreement.refresh_from_db()
    assert agreement.activated_at is not None
    status = agreement_status(participant)
    assert status["agreement"].state == AgreementState.AKTIV
    assert status["active_version"] == 1


@pytest.mark.parametrize(
    "approved",
    [[], [P.DELTAKER], [P.DELTAKER, P.ARBEIDSGIVER], [P.ARBEIDSGIVER, P.VEILEDER]],
)
def test_activation_is_refused_without_all_three(veileder, participant, approved):
    agreement = agreement_save(participant=participant, actor=veileder, **AGREEMENT)
    _approve_all(agreement, veileder, skip=[p for p in P.values if p not in approved])
    with pytest.raises(DomainError, match="Mangler godkjenning fra"):
        agreement_activate(agreement=agreement, actor=veileder)
    agreement.refresh_from_db()
    assert agreement.activated_at is None


def test_on_behalf_needs_a_reason_from_the_fixed_list_and_records_it(veileder, participant):
    agreement = agreement_save(participant=participant, actor=veileder, **AGREEMENT)
    for reason in ("", "ville ikke"):
        with pytest.raises(DomainError, match="på deltakerens vegne"):
            agreement_approve(
                agreement=agreement, actor=veileder, party=P.DELTAKER, on_behalf_reason=reason
            )
    with pytest.raises(DomainError, match="Bare deltakerens godkjenning"):
        agreement_approve(
            agreement=agreement,
            actor=veileder,
            party=P.VEILEDER,
            on_behalf_reason=OnBehalfReason.RESERVED,
        )
    assert not AgreementApproval.objects.exists()
    approval = agreement_approve(
        agreement=agreement,
        actor=veileder,
        party=P.DELTAKER,
        on_behalf_reason=OnBehalfReason.DIGITAL_SKILLS,
    )
    assert approval.approved_by == veileder and approval.approved_at is not None
    assert approval.on_behalf_reason == OnBehalfReason.DIGITAL_SKILLS
    logged = AuditEvent.objects.filter(participant=participant).values_list("what", flat=True)
    assert any("på deltakerens vegne (deltakeren mangler digitale" in w for w in logged)


def test_the_employer_approval_names_who_approved(veileder, participant):
    agreement = agreement_save(participant=participant, actor=veileder, **AGREEMENT)
    with pytest.raises(DomainError, match="navnet"):
        agreement_approve(agreement=agreement, actor=veileder, party=P.ARBEIDSGIVER)
    approval = agreement_approve(
        agreement=agreement, actor=veileder, party=P.ARBEIDSGIVER, approver_name=" Kari Leder "
    )
    assert approval.approver_name == "Kari Leder"


def test_a_second_approval_by_the_same_party_is_no_new_row(veileder, leder, participant):
    agreement = agreement_save(participant=participant, actor=veileder, **AGREEMENT)
    first = agreement_approve(agreement=agreement, actor=veileder, party=P.VEILEDER)
    again = agreement_approve(agreement=agreement, actor=leder, party=P.VEILEDER)
    assert again.pk == first.pk and again.approved_by == veileder
    assert AgreementApproval.objects.count() == 1


def test_a_new_version_needs_new_approvals(veileder, participant):
    first = agreement_save(participant=participant, actor=veileder, **AGREEMENT)
    _approve_all(first, veileder)
    second = agreement_save(
        participant=participant, actor=veileder, **{**AGREEMENT, "goals": "Nytt mål"}
    )
    assert second.version == 2 and second.activated_at is None
    assert not second.approvals.exists()
    status = agreement_status(participant)
    assert status["agreement"].state == AgreementState.VENTER
    assert status["agreement"].missing == ["deltaker", "arbeidsgiver", "veileder"]
    # The approved version stays in force, with its approvals, until the new one is approved.
    assert status["active_version"] == 1
    assert first.approvals.count() == 3
    with pytest.raises(DomainError, match="nyeste versjonen"):
        agreement_approve(agreement=first, actor=veileder, party=P.VEILEDER)
    _approve_all(second, veileder)
    states = {v.version: v.state for v in agreement_versions(participant)}
    assert states == {2: AgreementState.AKTIV, 1: AgreementState.ERSTATTET}


@pytest.mark.parametrize("who", ["colleague", "other_veileder", "markedsradgiver", "outsider"])
def test_only_those_who_may_change_her_may_approve(personas, veileder, participant, who):
    agreement = agreement_save(participant=participant, actor=veileder, **AGREEMENT)
    with pytest.raises(DomainError):
        agreement_approve(agreement=agreement, actor=personas[who], party=P.VEILEDER)
    assert not AgreementApproval.objects.exists()


def test_approval_page_offers_only_the_missing_parties_and_records(client, veileder, participant):
    agreement = agreement_save(participant=participant, actor=veileder, **AGREEMENT)
    agreement_approve(agreement=agreement, actor=veileder, party=P.VEILEDER)
    client.force_login(veileder)
    url = reverse("phases:agreement_approve", args=[participant.uuid])
    page = client.get(url).content.decode()
    assert 'value="deltaker"' in page and 'value="arbeidsgiver"' in page
    assert 'name="party" value="veileder"' not in page
    assert 'class="aksel-radio__input"' in page
    refused = client.post(url, {"party": "deltaker"})
    assert refused.status_code == 200
    assert "på deltakerens vegne" in refused.content.decode()
    client.post(url, {"party": "deltaker", "on_behalf_reason": "reserved"})
    done = client.post(
        url, {"party": "arbeidsgiver", "approver_name": "Per Bedrift"}, follow=True
    ).content.decode()
    assert "avtalen er aktiv" in done
    assert FollowUpAgreement.objects.get(pk=agreement.pk).activated_at is not None
    body = client.get(reverse("phases:agreement", args=[participant.uuid])).content.decode()
    assert "reservert seg mot digital kommunikasjon" in body and "Per Bedrift" in body


def test_agreement_page_query_count_is_fixed_with_approvals(
    client, veileder, django_assert_num_queries
):
    one = ParticipantFactory(veileder=veileder)
    many = ParticipantFactory(veileder=veileder)
    agreement_save(participant=one, actor=veileder, **AGREEMENT)
    for n in range(4):
        version = agreement_save(
            participant=many, actor=veileder, **{**AGREEMENT, "goals": f"Mål {n}"}
        )
        _approve_all(version, veileder)
    client.force_login(veileder)
    client.get(reverse("participants:caseload"))
    for p in (one, many):
        with django_assert_num_queries(7):
            client.get(reverse("phases:agreement", args=[p.uuid]))
        with django_assert_num_queries(7):
            client.get(reverse("phases:agreement_approve", args=[p.uuid]))


@pytest.mark.django_db(transaction=True)
def test_three_approvals_at_the_same_moment_activate_once(veileder, participant):
    import threading

    from django.db import connection

    agreement = agreement_save(participant=participant, actor=veileder, **AGREEMENT)
    start = threading.Barrier(3)
    errors = []

    def approve(party, extra):
        start.wait()
        try:
            agreement_approve(agreement=agreement, actor=veileder, party=party, **extra)
        except Exception as exc:  # the assertion below reports it
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(P.DELTAKER, {"on_behalf_reason": "no_bankid"})),
        threading.Thread(target=approve, args=(P.ARBEIDSGIVER, {"approver_name": "Kari"})),
        threading.Thread(target=approve, args=(P.VEILEDER, {})),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    agreement.refresh_from_db()
    assert agreement.activated_at is not None
    assert AgreementApproval.objects.filter(agreement=agreement).count() == 3
    activations = AuditEvent.objects.filter(participant=participant, what__endswith=": aktiv")
    assert activations.count() == 1
