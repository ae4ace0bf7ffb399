from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_member_profile(sender, instance, created, raw=False, **kwargs):
    """Every account has a profile, however it was created (sign-up, import, admin)."""
    if created and not raw:
        from network.models import Member

        Member.objects.get_or_create(
            user=instance, defaults={"name": instance.get_full_name() or ""}
        )
