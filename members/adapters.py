"""allauth customisation: no open signup (people join by invitation), e-mail in the
recipient's language through the outbox."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # The Community grows by invitation and by its moderated open call (/unete/).
        return False
