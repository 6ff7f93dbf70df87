"""The tree's structure is read from the shared cache (``areas/tree.py``): an area written by a
service shows on the next read, a rolled-back write never does, and each user still sees only
their own subtrees of the one structure everyone shares."""

import shutil

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wulian.areas.models import Area
from wulian.areas.services import DATA_DIR, create_grid, load_areas
from wulian.areas.tree import (
    STAMP_KEY,
    area_tree,
    compute_area_tree,
    forget_process_copy,
    renew_after_migrate,
    tree_key,
)
from wulian.web.demo import CITY, QINGYANG, XIHUAMEN

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_like(settings):
    """A cache that the test's transaction does not roll back, as Redis in production: what is
    written before a rollback stays written."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "wulian-area-tree-tests",
        }
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a request as if its transaction committed: what it read reaches the cache."""

    def run(call):
        with django_capture_on_commit_callbacks(execute=True):
            return call()

    return run


def _pick(client, **params) -> list[str]:
    response = client.get(reverse("web:pick_areas"), params)
    assert response.status_code == 200
    return [row["label"] for row in response.json()["results"]]


def _grids(client, committed) -> list[str]:
    return committed(lambda: _pick(client, parent=XIHUAMEN))


def test_a_new_grid_shows_on_the_next_read(world, client, login, committed, redis_like):
    login("xihuamen_admin")
    before = _grids(client, committed)
    stamp = cache.get(STAMP_KEY)
    assert isinstance(cache.get(tree_key(stamp)).rows[XIHUAMEN], tuple)  # the next read is cached
    committed(lambda: create_grid(community=world.areas[XIHUAMEN], name="缓存测试网格", by=None))
    assert cache.get(STAMP_KEY) != stamp
    assert _grids(client, committed) == [*before, "缓存测试网格"]


def test_a_renamed_area_shows_on_the_next_read(
    world, client, login, committed, redis_like, tmp_path
):
    login("city_admin")
    assert "西华门社区" in committed(lambda: _pick(client, parent="510105003000"))
    data = tmp_path / "5101"
    shutil.copytree(DATA_DIR / "5101", data)
    villages = data / "villages.csv"
    villages.write_text(
        villages.read_text(encoding="utf-8").replace("西华门社区居委会", "西华门新社区居委会"),
        encoding="utf-8",
    )
    result = committed(lambda: load_areas(city_code="5101", from_dir=data, by=None))
    assert result.updated == 1
    after = committed(lambda: _pick(client, parent="510105003000"))
    assert "西华门新社区" in after
    assert "西华门社区" not in after


def test_a_rolled_back_write_leaves_the_cache_as_it_was(
    world, client, login, committed, redis_like
):
    login("xihuamen_admin")
    before = _grids(client, committed)
    stamp = cache.get(STAMP_KEY)

    def write_then_fail():
        with transaction.atomic():
            create_grid(community=world.areas[XIHUAMEN], name="回滚网格", by=None)
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        committed(write_then_fail)
    assert cache.get(STAMP_KEY) == stamp
    assert Area.objects.filter(name="回滚网格").count() == 0
    assert _grids(client, committed) == before
    assert "回滚网格" not in {row[2] for row in cache.get(tree_key(stamp)).rows.values()}


def test_a_tree_read_inside_a_rolled_back_transaction_is_never_kept(world, committed, redis_like):
    stamp = committed(lambda: (area_tree(), cache.get(STAMP_KEY))[1])
    cache.delete(tree_key(stamp))
    forget_process_copy()

    def read_then_fail():
        with transaction.atomic():
            Area.objects.filter(code=XIHUAMEN).update(name="未提交的名字")
            assert area_tree().get(XIHUAMEN).name == "未提交的名字"
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        committed(read_then_fail)
    assert cache.get(tree_key(stamp)) is None
    assert committed(area_tree).get(XIHUAMEN).name == "西华门社区"


def test_two_users_never_see_each_others_subtree_from_the_shared_tree(
    world, client, login, committed
):
    login("city_admin")
    assert "青羊区" in committed(lambda: _pick(client, parent=CITY))
    assert (
        committed(lambda: client.get(reverse("areas:detail", args=[QINGYANG]))).status_code == 200
    )
    login("xihuamen_admin")  # the tree is now cached, with the whole city in it
    assert committed(lambda: _pick(client)) == ["西华门社区"]
    assert committed(lambda: _pick(client, parent=CITY)) == []
    assert committed(lambda: _pick(client, parent=QINGYANG)) == []
    assert (
        committed(lambda: client.get(reverse("areas:detail", args=[QINGYANG]))).status_code == 404
    )
    page = committed(lambda: client.get(reverse("areas:detail", args=[XIHUAMEN])))
    assert [(a.code, visible) for a, visible in page.context["ancestors"]] == [
        (CITY, False),
        (QINGYANG, False),
        ("510105003000", False),
    ]
    login("city_admin")
    assert committed(lambda: _pick(client)) == ["成都市"]


def _queries(call) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        call()
    return [q["sql"] for q in ctx.captured_queries]


def test_the_cascade_reads_no_area_once_the_tree_is_cached(world, client, login, committed):
    login("city_admin")
    committed(lambda: _pick(client, parent=CITY))
    sql = _queries(lambda: committed(lambda: _pick(client, parent=QINGYANG)))
    assert [s for s in sql if "areas_area" in s] == []
    assert len(sql) == 5  # was 6: the session, its account, its MFA device, its scope, the stamp


def test_the_area_page_reads_its_ancestors_and_children_from_the_cached_tree(
    world, client, login, committed
):
    login("city_admin")
    url = reverse("areas:detail", args=[XIHUAMEN])
    committed(lambda: client.get(url))
    sql = _queries(lambda: committed(lambda: client.get(url)))
    structure = [s for s in sql if s.startswith('SELECT "areas_area"') and "JOIN" not in s]
    # Only the cases panel's own read of the children is left (resolved_counts).
    assert [s.split(" WHERE ")[1] for s in structure] == [
        f'"areas_area"."parent_id" = {world.areas[XIHUAMEN].pk} ORDER BY "areas_area"."path" ASC'
    ]
    assert len(sql) == 14  # was 17: the area, its visible ancestors, its ancestors, its children


def test_the_cached_tree_is_the_database_tree(world, committed):
    assert committed(area_tree) == compute_area_tree()
    assert [a.code for a in area_tree().children(XIHUAMEN)] == list(
        Area.objects.filter(parent__code=XIHUAMEN).order_by("code").values_list("code", flat=True)
    )


def test_a_migrate_or_flush_renews_the_stamp(world, committed, redis_like):
    stamp = committed(lambda: (area_tree(), cache.get(STAMP_KEY))[1])
    renew_after_migrate(sender=None)
    assert cache.get(STAMP_KEY) != stamp
