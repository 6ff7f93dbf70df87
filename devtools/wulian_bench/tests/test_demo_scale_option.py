"""``wulian demo --scale chengdu`` runs the tools' generator after the demo world (here a stand-in:
the generator itself is tested in test_scale_generator.py)."""

import io

from django.core.management import call_command

from wulian_bench import scale


def test_demo_scale_chengdu_runs_the_tools_generator_once_after_the_demo(world, monkeypatch):
    calls = []
    monkeypatch.setattr(scale, "generate_chengdu", lambda *, stdout: calls.append(stdout) or {})
    out = io.StringIO()
    call_command("demo", "--scale", "chengdu", stdout=out)
    assert len(calls) == 1
    assert "demo data already loaded; nothing to do." in out.getvalue()
