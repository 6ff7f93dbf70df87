"""The mixed writes of a run: which request each client sends next, counted per kind."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import queue
import threading
from collections import Counter
from typing import Any

from wulian_bench.kit import Load, counted, hammer

KINDS = ["claim", "booking", "progress", "need post"]
SLOT = dt.timedelta(minutes=30)


class Mix:
    """The mixed writes of one run: each client cycles through the kinds; each need is offered
    twice and each slot booked twice (by two clients of the same community when there are)."""

    def __init__(self, seeded: dict[str, Any], run_: int, slots_per_run: int) -> None:
        self.seeded = seeded
        self.lock = threading.Lock()
        self.turn = Counter()
        self.kinds: Counter = Counter()  # (kind, status)
        self.claimed_ok = 0
        self.needs: dict[str, queue.SimpleQueue] = {}
        self.slots: dict[str, Any] = {}
        first = dt.datetime.fromisoformat(seeded["first_slot"]) + run_ * slots_per_run * SLOT
        for code, c in seeded["communities"].items():
            q: queue.SimpleQueue = queue.SimpleQueue()
            for pk in c["needs"][run_]:
                q.put(pk)
                q.put(pk)
            self.needs[code] = q
            starts = (
                first + k * SLOT for k in range(slots_per_run)
            )  # within a day: the hours end at 23:59
            self.slots[code] = itertools.chain.from_iterable(
                (s, s) for s in starts if (s + SLOT).date() == s.date()
            )

    def request(self, index: int):
        client = self.seeded["clients"][index % len(self.seeded["clients"])]
        code = client["community"]
        with self.lock:
            turn = self.turn[index]
            self.turn[index] += 1
        kind = KINDS[turn % len(KINDS)]
        unit = {"Authorization": f"Bearer {client['unit']}", "Content-Type": "application/json"}
        resident = {
            "Authorization": f"Bearer {client['resident']}",
            "Content-Type": "application/json",
        }
        if kind == "claim":
            try:
                pk = self.needs[code].get_nowait()
            except queue.Empty:
                kind = "need post"
            else:
                return kind, ("POST", f"/api/v1/needs/{pk}/claim", b"{}", unit)
        if kind == "booking":
            with self.lock:
                start = next(self.slots[code], None)
            if start is None:
                kind = "need post"
            else:
                body = {
                    "start": start.isoformat(),
                    "end": (start + SLOT).isoformat(),
                    "quantity": 1,
                }
                resource = self.seeded["communities"][code]["resource"]
                return kind, (
                    "POST",
                    f"/api/v1/resources/bookable/{resource}/book/",
                    json.dumps(body).encode(),
                    resident,
                )
        if kind == "progress" and self.seeded["action_item"]:
            reporter = {
                "Authorization": f"Bearer {self.seeded['reporter']}",
                "Content-Type": "application/json",
            }
            body = json.dumps({"text": f"压测进展 {index}-{turn}"}).encode()
            return "progress", (
                "POST",
                f"/api/v1/meetings/action-items/{self.seeded['action_item']}/progress/",
                body,
                reporter,
            )
        body = json.dumps(
            {
                "title": f"压测发布 {index}-{turn}",
                "category": "other",
                "description": "基准测试发布的需求。",
            }
        ).encode()
        return "need post", ("POST", "/api/v1/needs/", body, resident)


def mixed_writes(port: int, clients: int, seconds: float, requests: int, mix: Mix) -> Load:
    """``hammer`` with the answers also counted per kind."""
    last_kind: dict[int, str] = {}  # each client waits for its answer before its next request

    def next_request(index: int):
        kind, request = mix.request(index)
        last_kind[index] = kind
        return request

    def on_answer(index: int, status: int) -> None:
        with mix.lock:
            mix.kinds[(last_kind[index], status)] += 1

    return hammer(port, clients, seconds, counted(requests, next_request), on_answer)
