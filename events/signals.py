"""Reactions to Wagtail's publishing and moderation: SEQUENCE bumps, notices, proposal decisions."""

from django.dispatch import receiver
from wagtail.signals import page_published, task_rejected, workflow_approved

from events import services
from events.models import EventPage


def quiet_wagtail_notices_for_proposals():
    """Proposed events get our own emails (one to each curator, one decision to the member, in
    their language); Wagtail's generic moderation emails (admin links the member cannot open)
    are not sent for that workflow. Other workflows keep them."""
    from wagtail.admin import signal_handlers

    for notifier in (signal_handlers.task_submission_email_notifier,
                     signal_handlers.workflow_submission_email_notifier,
                     signal_handlers.workflow_approval_email_notifier,
                     signal_handlers.workflow_rejection_email_notifier):
        notifier.can_handle = _unless_proposal(notifier.can_handle)


def _unless_proposal(can_handle):
    def wrapped(instance, **kwargs):
        workflow_state = getattr(instance, "workflow_state", instance)
        workflow = getattr(workflow_state, "workflow", None)
        if workflow is not None and workflow.name == services.PROPOSAL_WORKFLOW_NAME:
            return False
        return can_handle(instance, **kwargs)

    return wrapped


@receiver(page_published, sender=EventPage)
def event_published(sender, instance, alias=False, **kwargs):
    if not alias:
        services.record_publication(event=instance)


@receiver(workflow_approved)
def proposal_approved(sender, instance, user=None, **kwargs):
    if instance.workflow.name == services.PROPOSAL_WORKFLOW_NAME:
        services.proposal_decided(page=instance.content_object, decision="approved")


@receiver(task_rejected)
def proposal_rejected(sender, instance, user=None, **kwargs):
    workflow_state = instance.workflow_state
    if workflow_state.workflow.name == services.PROPOSAL_WORKFLOW_NAME:
        services.proposal_decided(page=workflow_state.content_object, decision="rejected",
                                  reason=instance.comment)
