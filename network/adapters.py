"""How django-allauth counts failed logins here (docs/security.md, "Login attempts").

allauth counts failures per address and per account name; five wrong passwords from anywhere
would then lock the owner out too. Here the per-account count of allauth's ``login_failed``
action is kept per (account, address), so a stranger only locks themselves out, and a second,
higher count over every address (``login_failed_account``) stops a guesser who spreads over
many addresses. Past that one, a password alone is refused and the message points the owner to
a password reset: proof of the mailbox, after which both counts for the account are cleared.
All of it is allauth's own rate-limit mechanism and store (the shared default cache).
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed login attempts from here. Try again in a few minutes, or reset "
            "your password to log in now."),
        "account_under_attack": _(
            "Too many failed login attempts on this account. To log in, reset your password: "
            "we will email you a link."),
    }

    def _get_login_attempts_cache_key(self, request, **credentials):
        return f"{self._account_key(request, **credentials)}:{ratelimit.get_ip(request)}"

    def _account_key(self, request, **credentials):
        # allauth prefixes the Host header, port included; workers behind different ports (or
        # a visitor who varies the header) must count against the same account.
        return credentials.get("email", credentials.get("username", "")).lower()

    def pre_authenticate(self, request, **credentials):
        super().pre_authenticate(request, **credentials)
        self._account_usage = ratelimit.consume(
            request, app="allauth.account", action="login_failed_account",
            key=self._account_key(request, **credentials))
        if not self._account_usage:
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("account_under_attack")

    def _rollback_login_failed_rl_usage(self):
        super()._rollback_login_failed_rl_usage()
        usage = getattr(self, "_account_usage", None)
        if usage:
            usage.rollback()

    def _delete_login_attempts_cached_email(self, request, **credentials):
        """After a password reset: the owner proved the mailbox, so clear the account's counts."""
        super()._delete_login_attempts_cached_email(request, **credentials)
        ratelimit.clear(request, app="allauth.account", action="login_failed_account",
                        key=self._account_key(request, **credentials))
