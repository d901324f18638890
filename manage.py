#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "col_portal.settings")
    # manage.py is the developer's tool: without DEBUG it runs as development does. What
    # serves people fails closed: the web processes (wsgi/asgi) and the Celery worker read
    # DEBUG as the settings default it, off; production's environment (.env) sets it off.
    os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
