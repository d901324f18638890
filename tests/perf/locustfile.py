"""The load mix of `make bench` (tests/perf/loadtest.py runs it headless, as a subprocess).

Never import this module from pytest: importing locust patches the standard library with
gevent. The runner writes what the simulated people need into a JSON file named by
COL_LOCUST_DATA (addresses of lessons, workshops and themes, filter values, words to search,
members' and facilitators' e-mail addresses and their password, contributions waiting for
review) and reads back, from COL_LOCUST_CACHE_OUT, how many answers of each kind of page
came from the anonymous page cache (the `X-Page-Cache: hit` header, counted in the
request event hook below). Locust's own CSV files give the rest (rps, percentiles, errors).

Three kinds of people, each its own session (its own cookies), waiting 1 to 3 s between
pages:

- anonymous readers (most of the traffic): home, the lessons list with random filter
  combinations and pages, random lessons among all, theme pages, workshops, feeds, the
  library, and the site search with words of the data, misspellings and words that find
  nothing;
- members, logged in through the real log-in form: my space, notifications, my workshops
  and their calendar feed, lessons with comments, posting a comment, registering for and
  cancelling a workshop;
- facilitators, logged in the same way: the admin home, the moderation queue, approving a
  contribution, the workshops listing, a workshop's registrations and their CSV export.
"""

import json
import os
import random
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

from locust import HttpUser, between, events, task

DATA = json.loads(Path(os.environ["COL_LOCUST_DATA"]).read_text(encoding="utf-8"))
CACHE_OUT = os.environ.get("COL_LOCUST_CACHE_OUT", "")
PROXY = {"X-Forwarded-Proto": "https"}  # as the TLS-terminating proxy says
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PERSONAL_FEED = re.compile(r"(/(?:en/)?talleres/mi-calendario/[\w-]+\.ics)")

# kind of page -> [answers, answers from the page cache]
cache_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])


@events.request.add_listener
def count_page_cache(name, response=None, exception=None, **kwargs):
    if response is None or exception is not None:
        return
    counts = cache_counts[name]
    counts[0] += 1
    if response.headers.get("X-Page-Cache") == "hit":
        counts[1] += 1


def write_cache_counts(**kwargs):
    if CACHE_OUT:
        with open(CACHE_OUT, "w", encoding="utf-8") as out:
            json.dump(dict(cache_counts), out)


events.test_stop.add_listener(write_cache_counts)
events.quitting.add_listener(write_cache_counts)


def search_words() -> str:
    """Mostly words and phrases of the data; some misspelt, some that find nothing."""
    roll = random.random()
    if roll < 0.75:
        return random.choice(DATA["words"])
    if roll < 0.90:
        return misspelt(random.choice(DATA["words"]))
    return random.choice(DATA["nothing"])


def misspelt(words: str) -> str:
    letters = list(words)
    position = random.randrange(len(letters))
    change = random.choice(("drop", "double", "swap"))
    if change == "drop" and len(letters) > 3:
        del letters[position]
    elif change == "double":
        letters.insert(position, letters[position])
    elif position + 1 < len(letters):
        letters[position], letters[position + 1] = letters[position + 1], letters[position]
    return "".join(letters)


def lesson_filters() -> dict:
    """A random combination of the lessons list's filters, sort and page."""
    params = {}
    choices = {
        "theme": DATA["themes"],
        "kind": DATA["kinds"],
        "sector": DATA["sectors"],
        "province": DATA["provinces"],
        "institution": DATA["institutions"],
        "tag": DATA["tags"],
        "year": DATA["years"],
    }
    for name in random.sample(sorted(choices), k=random.choice((0, 1, 1, 2, 2, 3))):
        params[name] = random.choice(choices[name])
    if random.random() < 0.1:
        params["anticorruption"] = "on"
    if random.random() < 0.15:
        params["q"] = search_words()
    if random.random() < 0.3:
        params["sort"] = random.choice(("newest", "oldest", "title"))
    if random.random() < 0.3:
        params["page"] = random.randint(2, 6)
    return params


class Portal(HttpUser):
    abstract = True
    wait_time = between(1, 3)

    def get(self, path, name, **params):
        """A page that must answer 200 (a redirect means a lost session)."""
        url = f"{path}?{urlencode(params)}" if params else path
        with self.client.get(
            url, name=name, headers=PROXY, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {response.headers.get('Location', '')}")
            self._plain_cookies()
            return response

    def post(self, path, name, data, *, referer, expect=(302,)):
        data = {**data, "csrfmiddlewaretoken": self.csrf_token(referer)}
        headers = {**PROXY, "Referer": self.host.replace("http://", "https://") + referer}
        with self.client.post(
            path, data=data, name=name, headers=headers, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code not in expect:
                response.failure(f"{response.status_code} {response.headers.get('Location', '')}")
            self._plain_cookies()
            return response

    def csrf_token(self, referer) -> str:
        token = self.client.cookies.get("csrftoken")
        if token:
            return token
        found = CSRF_INPUT.search(self.get(referer, "(csrf)").text)
        return found.group(1) if found else ""

    def _plain_cookies(self):
        # The portal marks its cookies Secure (it believes it is behind HTTPS); the load
        # tool speaks plain HTTP on loopback, so it would otherwise never send them back.
        for cookie in self.client.cookies:
            cookie.secure = False

    def log_in(self, email: str) -> None:
        self.get("/cuentas/login/", "log in (form)")  # sets the CSRF cookie
        self.post(
            "/cuentas/login/",
            "log in (post)",
            {"login": email, "password": DATA["password"]},
            referer="/cuentas/login/",
        )

    def lesson(self, name="lesson"):
        return self.get(f"/lecciones/{random.choice(DATA['lessons'])}/", name)


class Reader(Portal):
    weight = 16

    @task(4)
    def home(self):
        self.get("/", "home")

    @task(6)
    def lessons(self):
        self.get("/lecciones/", "lessons list (filters)", **lesson_filters())

    @task(8)
    def lesson_page(self):
        self.lesson()

    @task(2)
    def theme(self):
        self.get(f"/temas/{random.choice(DATA['themes'])}/", "theme page")

    @task(2)
    def workshops(self):
        params = {"page": random.randint(2, 4)} if random.random() < 0.3 else {}
        self.get("/talleres/", "workshops list", **params)

    @task(2)
    def workshop(self):
        self.get(f"/talleres/{random.choice(DATA['workshops'])}/", "workshop")

    @task(1)
    def feed(self):
        self.get(random.choice(("/lecciones/rss/", "/lecciones/atom/")), "feed")

    @task(1)
    def library(self):
        self.get("/recursos/", "library")

    @task(5)
    def search(self):
        self.get("/buscar/", "search", q=search_words())


class Member(Portal):
    weight = 3

    def on_start(self):
        self.email = DATA["members"].pop() if DATA["members"] else DATA["member_fallback"]
        self.log_in(self.email)
        self.registered: str | None = None

    @task(3)
    def my_space(self):
        self.get("/miembros/", "member: my space")

    @task(2)
    def notifications(self):
        self.get("/miembros/notificaciones/", "member: notifications")

    @task(4)
    def lesson_with_comments(self):
        self.get(f"/lecciones/{random.choice(DATA['commented'])}/", "member: lesson")

    @task(2)
    def lessons(self):
        self.get("/lecciones/", "member: lessons list", **lesson_filters())

    @task(1)
    def comment(self):
        slug = random.choice(DATA["commented"])
        path = f"/lecciones/{slug}/"
        self.get(path, "member: lesson")
        self.post(
            f"{path}comentar/",
            "member: post a comment",
            {"body": "Comentario de la prueba de carga: ¿cómo lo financiaron?"},
            referer=path,
        )

    @task(1)
    def register_or_cancel(self):
        if self.registered:
            path = f"/talleres/{self.registered}/"
            self.post(f"{path}cancelar/", "member: cancel a registration", {}, referer=path)
            self.registered = None
        else:
            slug = random.choice(DATA["open_workshops"])
            path = f"/talleres/{slug}/"
            self.get(path, "workshop (member)")
            response = self.post(
                f"{path}inscribirme/", "member: register for a workshop", {}, referer=path
            )
            if response.status_code == 302:
                self.registered = slug

    @task(1)
    def calendar(self):
        page = self.get("/mis-talleres/", "member: my workshops")
        found = PERSONAL_FEED.search(page.text or "")
        if found:
            self.get(found.group(1), "member: calendar feed")


class Facilitator(Portal):
    weight = 1

    def on_start(self):
        self.log_in(random.choice(DATA["facilitators"]))

    @task(3)
    def admin_home(self):
        self.get("/admin/", "admin: home")

    @task(2)
    def moderation_queue(self):
        self.get("/admin/moderation-queue/", "admin: moderation queue")

    @task(1)
    def approve(self):
        if not DATA["moderation"]:
            return
        pk, task_state = DATA["moderation"].pop()
        edit = f"/admin/snippets/themes/contribution/edit/{pk}/"
        self.get(edit, "admin: contribution (review)")
        self.post(
            f"/admin/snippets/themes/contribution/workflow/action/{pk}/approve/{task_state}/",
            "admin: approve a contribution",
            {"comment": ""},
            referer=edit,
        )

    @task(2)
    def workshops(self):
        self.get("/admin/workshops/", "admin: workshops")

    @task(2)
    def registrations(self):
        pk = random.choice(DATA["registration_workshops"])
        self.get(f"/admin/workshops/registrations/{pk}/", "admin: registrations")

    @task(1)
    def export(self):
        pk = random.choice(DATA["registration_workshops"])
        self.get(f"/admin/workshops/registrations/{pk}/", "admin: export (CSV)", export="csv")
