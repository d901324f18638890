"""E-mail backends for the fault tests: a mail server that is down, then maybe back."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class FlakySMTPBackend(EmailBackend):
    """Refuses the next `failures_left` sends (None: every send), then delivers to the
    local outbox (django.core.mail.outbox) like the test backend."""

    failures_left: int | None = None
    calls = 0

    def send_messages(self, messages):
        FlakySMTPBackend.calls += 1
        if FlakySMTPBackend.failures_left is None or FlakySMTPBackend.failures_left > 0:
            if FlakySMTPBackend.failures_left is not None:
                FlakySMTPBackend.failures_left -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
