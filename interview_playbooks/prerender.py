"""Render the generated pages ahead of time on the machine's other core.

MkDocs builds pages one after another on one core. On a large bank, rendering our
templates is a tenth of the build; a forked process can render every page's Markdown
while MkDocs is busy converting and theming the ones before, and hand each over as it
is asked for. Anything the worker could not render (an error, a missing page, a
platform without fork) is simply rendered in the build's own process, so the output,
and every error message, is the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from typing import Callable, Iterable

# Below this many pages the build is quick anyway and a second process is not worth it.
MIN_PAGES = 300
BATCH = 16  # pages per message: fewer, larger messages cost less than one per page


class Prerenderer:
    """Pages rendered in a forked worker, collected by a thread as they arrive."""

    def __init__(self, render: Callable[[object], str], pages: Iterable, key=lambda page: page):
        self._results: dict = {}
        self._finished = False
        self._arrived = threading.Condition()
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        pages = list(pages)
        self._process = context.Process(target=_work, args=(render, pages, key, sender),
                                        daemon=True, name="prerender")
        self._process.start()
        sender.close()  # the worker holds the only sending end: its exit ends the stream
        threading.Thread(target=self._receive, args=(receiver,), daemon=True).start()

    def _receive(self, receiver) -> None:
        try:
            while True:
                batch = receiver.recv()
                with self._arrived:
                    self._results.update(batch)
                    self._arrived.notify_all()
        except (EOFError, OSError):
            pass
        finally:
            receiver.close()
            self._process.join()  # reap the worker: no zombie left behind
            with self._arrived:
                self._finished = True
                self._arrived.notify_all()

    def take(self, key) -> str | None:
        """The page's rendered text, waiting for it if needed; None if the worker has none."""
        with self._arrived:
            self._arrived.wait_for(lambda: key in self._results or self._finished)
            return self._results.pop(key, None)


def _work(render, pages, key, sender) -> None:
    batch = []
    for page in pages:
        try:
            batch.append((key(page), render(page)))
        except Exception:  # noqa: BLE001 - the build renders it again and reports the error
            continue
        if len(batch) == BATCH:
            sender.send(batch)
            batch = []
    if batch:
        sender.send(batch)
    sender.close()


def prerenderer(render: Callable[[object], str], pages: list, key=lambda page: page):
    """A Prerenderer for a large set of pages, or None where it would not help or work."""
    if len(pages) < MIN_PAGES or os.environ.get("INTERVIEW_PLAYBOOKS_PRERENDER") == "0":
        return None
    try:
        return Prerenderer(render, pages, key)
    except (ValueError, OSError):  # no fork on this platform, or no process to spare
        return None
