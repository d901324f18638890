"""What the fuzzing tests feed the portal (test_fuzz_inputs, test_fuzz_every_field): hostile
payloads, any text (control characters, NUL, lone surrogates), long strings and raw bytes,
and the hypothesis settings that keep CI's runs bounded and repeatable."""

import os
from urllib.parse import quote

from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

# FUZZ_SCALE=10 runs ten times the examples (a longer hunt, by hand; CI keeps 1).
SCALE = max(1, int(os.environ.get("FUZZ_SCALE", "1")))


def bounded(examples: int):
    return hypothesis_settings(
        max_examples=examples * SCALE,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# ---- What we feed

PAYLOADS = [
    "' OR '1'='1",
    "1; DROP TABLE members_user; --",
    '" OR ""="',
    "1 UNION SELECT password FROM members_user --",
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "%(name)s %s %n",
    "../../../../etc/passwd",
    "\x00",
    "a\x00b",
    "\u202egnp.exe",
    "\ufeff\u200b",
    "\ud800",
    "x\udfffy",
    "ñandú Moquegua \U0001d518\U0001d52b",  # and letters beyond the BMP
    "0",
    "-1",
    "9" * 40,
    "1e309",
    "NaN",
    "   ",
    "",
]
# Everything, including control characters, NUL and lone surrogates.
any_text = st.text(alphabet=st.characters(exclude_categories=()), max_size=40)
long_text = st.builds(
    lambda piece, times: piece * times,
    st.sampled_from(["a", "ñ", "<", "'", "\x00", "\u0301", "<b>"]),
    st.integers(min_value=10_000, max_value=12_000),
)
texts = st.one_of(any_text, st.sampled_from(PAYLOADS), long_text)
# Raw bytes, percent-encoded as they are: broken UTF-8 such as %ff%fe.
values = st.one_of(texts, st.binary(max_size=40))


def encoded(value: str | bytes) -> str:
    raw = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    return quote(raw, safe="")
