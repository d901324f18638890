"""Container health check of the web service: GET /healthz on the local gunicorn.

Sends the first ALLOWED_HOSTS entry as the Host header, since Django refuses any other
host once DEBUG is off. Exit status 0 when /healthz answers 200, 1 otherwise.
"""

import os
import sys
import urllib.error
import urllib.request


def main() -> int:
    port = os.environ.get("PORT", "8000")
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    host = next((h.lstrip(".") for h in hosts if h != "*"), "localhost")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz", headers={"Host": host, "User-Agent": "healthcheck"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            print(response.read().decode("utf-8", "replace"))
            return 0 if response.status == 200 else 1
    except urllib.error.HTTPError as error:
        print(f"/healthz answered {error.code}: {error.read().decode('utf-8', 'replace')}")
    except OSError as error:
        print(f"/healthz unreachable: {error}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
