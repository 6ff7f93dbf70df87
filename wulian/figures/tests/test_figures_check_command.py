import pytest
from django.core.management import CommandError, call_command

from wulian.figures.models import ALL_TIME, Counter
from wulian.web.demo import CITY


@pytest.mark.django_db
def test_check_reports_zero_differences_on_the_demo(world, capsys):
    call_command("figures", "check")
    assert "0 differences" in capsys.readouterr().out


@pytest.mark.django_db
@pytest.mark.counters_unchecked
def test_check_reports_a_planted_difference_and_fails(world, capsys):
    row = Counter.objects.get(area=world.areas[CITY], key="orgs.total", period=ALL_TIME)
    Counter.objects.filter(pk=row.pk).update(value=row.value + 7)
    with pytest.raises(CommandError, match="1 differences"):
        call_command("figures", "check")
    out = capsys.readouterr().out
    assert f"{CITY} 成都市 orgs.total *: stored {row.value + 7}, fresh {row.value}" in out


@pytest.mark.django_db
def test_recompute_repairs_a_planted_difference(world, capsys):
    Counter.objects.filter(key="orgs.total").update(value=0)
    call_command("figures", "recompute")
    call_command("figures", "check")
    assert "0 differences" in capsys.readouterr().out
