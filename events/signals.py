"""Reactions to Wagtail's publishing and moderation: SEQUENCE bumps, notices, proposal decisions."""

from django.dispatch import receiver
from wagtail.signals import page_published, task_rejected, workflow_approved

from events import services
from events.models import EventPage


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
