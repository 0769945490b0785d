from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from accounts.capabilities import Capability
from accounts.decorators import capability_required
from audit.services import audit_list, audit_participant
from core.exceptions import DomainError
from core.formtokens import once
from core.pagination import page_size
from participants.access import CHANGE
from participants.permissions import get_participant_for_user

from . import services
from .forms import ProposeForm, TransitionForm
from .models import MatchStatus
from .ranking import suggest_companies
from .rules import MARKEDSRADGIVER, VEILEDER
from .selectors import get_match_for_review, get_match_for_veileder, review_queue


@login_required
@once
def match_propose(request, uuid):
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    form = ProposeForm(request.POST or None, initial={"company": request.GET.get("bedrift")})
    if request.method == "POST" and form.is_valid():
        try:
            match = services.match_propose(
                actor=request.user, participant=participant, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Forslaget om {match.company.name} er lagret.")
            return redirect("matching:detail", match.uuid)
    return render(
        request,
        "matching/propose.html",
        {"participant": participant, "form": form, "suggestions": suggest_companies(participant)},
    )


@login_required
@once
def match_detail(request, match):
    """The veileder's (and leder's) page of one match: status, history and next steps."""
    match = get_match_for_veileder(request.user, match)
    audit_participant(request.user, match.participant, what=f"Match med {match.company.name}")
    allowed = services.allowed_next(match.status, VEILEDER)
    form = TransitionForm(
        request.POST or None,
        status=match.status,
        allowed=allowed,
        comment_label="Svar til markedsrådgiveren" if match.status == MatchStatus.MER_INFO else "",
    )
    if request.method == "POST" and allowed and form.is_valid():
        try:
            services.match_transition(actor=request.user, match=match, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Matchen er oppdatert.")
            return redirect("matching:detail", match.uuid)
    can_change = request.user.has_perm(CHANGE, match.participant)
    return render(
        request,
        "matching/detail.html",
        {"match": match, "form": form if allowed and can_change else None},
    )


@capability_required(Capability.REVIEW_QUEUE)
def match_queue(request):
    page = Paginator(review_queue(request.user), page_size(request)).get_page(
        request.GET.get("side")
    )
    audit_list(
        request.user,
        what=f"Til vurdering, side {page.number}",
        participant_ids=[m.participant_id for m in page.object_list],
    )
    return render(request, "matching/queue.html", {"page": page, "title": "Til vurdering"})


@capability_required(Capability.REVIEW_QUEUE)
@once
def match_review(request, match):
    """What a markedsrådgiver sees of a match: only what the decision needs."""
    match = get_match_for_review(request.user, match)
    audit_participant(request.user, match.participant, what=f"Vurdering: {match.company.name}")
    # The choices are always the decisions, so a stale second decision reaches the service
    # and gets its "already decided" answer instead of a form error.
    pending = MatchStatus.TIL_VURDERING
    form = TransitionForm(
        request.POST or None,
        status=pending,
        allowed=services.allowed_next(pending, MARKEDSRADGIVER),
        comment_label="Begrunnelse",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.match_transition(actor=request.user, match=match, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("matching:review", match.uuid)
        messages.success(request, "Vurderingen er lagret, og veilederen er varslet.")
        return redirect("matching:queue")
    return render(
        request,
        "matching/review.html",
        {"match": match, "form": form if match.status == pending else None},
    )
