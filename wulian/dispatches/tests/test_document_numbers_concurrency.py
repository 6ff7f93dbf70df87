import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from wulian.dispatches import services
from wulian.dispatches.models import Dispatch, DispatchStatus, DocumentCounter
from wulian.figures.tests.helpers import assert_figures_consistent

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.concurrency]


def _run_in_threads(fn, args_list):
    results, barrier = [None] * len(args_list), threading.Barrier(len(args_list))

    def work(i, args):
        try:
            barrier.wait()
            results[i] = fn(*args)
        except ValidationError as exc:
            results[i] = exc
        except Exception as exc:  # a 500 in a page; must not happen
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i, a)) for i, a in enumerate(args_list)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_parallel_publications_take_consecutive_numbers_without_gaps_or_duplicates(world):
    area = world.areas["510108000000"]  # 成华区: the demo publishes nothing there
    drafts = [
        services.generate_monthly_dispatch(scope_area=area, period=dt.date(2025, m, 1))[0]
        for m in range(1, 7)
    ]
    results = _run_in_threads(
        lambda d: services.publish_dispatch(by=None, dispatch=d), [(d,) for d in drafts]
    )
    assert [type(r) for r in results] == [Dispatch] * 6
    numbers = sorted(
        Dispatch.objects.filter(pk__in=[d.pk for d in drafts]).values_list("doc_number", flat=True)
    )
    assert numbers == [1, 2, 3, 4, 5, 6]
    counter = DocumentCounter.objects.get(issuer=world.orgs["chenghua_gc"])
    assert counter.last_number == 6
    assert_figures_consistent()


def test_publishing_one_draft_in_parallel_succeeds_once_and_refuses_the_rest(world):
    draft, _ = services.generate_monthly_dispatch(
        scope_area=world.areas["510108000000"], period=dt.date(2025, 9, 1)
    )
    results = _run_in_threads(
        lambda d: services.publish_dispatch(by=None, dispatch=d), [(draft,)] * 4
    )
    assert sum(isinstance(r, Dispatch) for r in results) == 1
    assert sum(isinstance(r, ValidationError) for r in results) == 3
    draft.refresh_from_db()
    assert (draft.status, draft.doc_number) == (DispatchStatus.PUBLISHED, 1)
    assert DocumentCounter.objects.get(issuer=world.orgs["chenghua_gc"]).last_number == 1
    assert_figures_consistent()
