"""Keys outside the database (issue 16, defect 8): no silent key file in production, key ids in
the ciphertext, `wulian keys init` and a resumable `wulian keys rotate`."""

import json
import os
import stat
from io import StringIO

import pytest
from django.core.management import call_command

from wulian.core import crypto
from wulian.core.keys import KeyConfigError, init_main, load_keys, read_key_file, write_key_file
from wulian.core.rotation import reencrypt, remaining
from wulian.people.models import Person

FIELD = "00112233445566778899aabbccddeeff"
INDEX = "ab" * 32
AUDIT = "cd" * 32


def test_without_debug_missing_keys_stop_the_platform_naming_them(tmp_path):
    with pytest.raises(KeyConfigError) as exc:
        load_keys({"SECRET_KEY": "s"}, var_dir=tmp_path, dev_allowed=False)
    assert str(exc.value).startswith(
        "DEBUG is off and these keys are missing: WULIAN_FIELD_KEY, WULIAN_INDEX_KEY, WULIAN_AUDIT_KEY."
    )
    assert list(tmp_path.iterdir()) == []  # nothing generated silently


def test_environment_keys_with_a_ring(tmp_path):
    keys = load_keys(
        {
            "SECRET_KEY": "s",
            "WULIAN_FIELD_KEY": f"2:{'11' * 16},1:{FIELD}",
            "WULIAN_INDEX_KEY": INDEX,
            "WULIAN_AUDIT_KEY": AUDIT,
        },
        var_dir=tmp_path,
        dev_allowed=False,
    )
    assert (sorted(keys.field_keys), keys.field_key_id, keys.warnings) == (["1", "2"], "2", [])
    with pytest.raises(KeyConfigError, match="WULIAN_INDEX_KEY is not hexadecimal"):
        load_keys(
            {
                "SECRET_KEY": "s",
                "WULIAN_FIELD_KEY": FIELD,
                "WULIAN_INDEX_KEY": "zz",
                "WULIAN_AUDIT_KEY": AUDIT,
            },
            var_dir=tmp_path,
            dev_allowed=False,
        )


def test_development_makes_a_key_file_and_says_so(tmp_path):
    keys = load_keys({}, var_dir=tmp_path, dev_allowed=True)
    path = tmp_path / "keys.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert keys.warnings
    assert keys.warnings[0].startswith(f"WARNING: using DEVELOPMENT keys from {path}")
    assert load_keys({}, var_dir=tmp_path, dev_allowed=True).audit_key == keys.audit_key


def test_keys_init_writes_a_private_file_and_never_overwrites(tmp_path, capsys):
    path = tmp_path / "etc" / "wulian-keys.json"
    assert init_main([str(path)]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = read_key_file(path)
    assert sorted(data) == ["audit_key", "field_key_id", "field_keys", "index_key", "secret_key"]
    keys = load_keys({"WULIAN_KEY_FILE": str(path)}, var_dir=tmp_path, dev_allowed=False)
    assert keys.field_key_id == "1"
    assert keys.source == f"key file {path}"
    before = path.read_text()
    assert init_main([str(path)]) == 1
    assert path.read_text() == before


def test_ciphertext_names_its_key_and_old_ciphertext_still_reads(settings):
    settings.WULIAN_FIELD_KEYS = {"1": bytes.fromhex(FIELD), "2": bytes.fromhex("22" * 16)}
    settings.WULIAN_FIELD_KEY_ID = "2"
    token = crypto.encrypt_field("13880001003")
    assert token.startswith("sm4gcm2:2:")
    assert crypto.field_key_id(token) == "2"
    assert crypto.decrypt_field(token) == "13880001003"
    settings.WULIAN_FIELD_KEY_ID = "1"
    legacy = (
        "sm4gcm1:" + crypto.encrypt_field("旧数据").split(":", 2)[2]
    )  # the format before key ids
    assert crypto.decrypt_field(legacy) == "旧数据"


def test_rotation_is_resumable_and_searches_keep_working(world, settings, tmp_path):
    path = tmp_path / "keys.json"
    write_key_file(
        path,
        {
            "secret_key": "s",
            "index_key": settings.WULIAN_INDEX_KEY.hex(),
            "audit_key": settings.WULIAN_AUDIT_KEY.hex(),
            "field_keys": {k: v.hex() for k, v in settings.WULIAN_FIELD_KEYS.items()},
            "field_key_id": settings.WULIAN_FIELD_KEY_ID,
        },
    )
    settings.WULIAN_KEY_FILE = path
    settings.WULIAN_FIELD_KEYS = dict(settings.WULIAN_FIELD_KEYS)
    phones = dict(Person.objects.values_list("pk", "phone_encrypted"))
    clear = {p.pk: p.clear_phone() for p in Person.objects.all()}
    old_id = settings.WULIAN_FIELD_KEY_ID
    # A run that stops after one batch of two rows (a crash, Ctrl-C)…
    from wulian.core.rotation import add_field_key

    new_id = add_field_key()
    assert new_id == str(int(old_id) + 1)
    assert read_key_file(path)["field_key_id"] == new_id
    assert reencrypt(batch=2, max_batches=1) == 2
    assert sum(remaining().values()) > 0
    # …continues where it stopped.
    out = StringIO()
    call_command("keys", "rotate", "--resume", "--batch", "50", stdout=out)
    assert remaining() == {name: 0 for name in remaining()}
    assert (
        out.getvalue()
        .strip()
        .endswith(f"re-encrypted with field key {new_id}; none left under older keys.")
    )
    for person in Person.objects.all():
        assert person.phone_encrypted != phones[person.pk]
        assert person.phone_encrypted.startswith(f"sm4gcm2:{new_id}:")
        assert person.clear_phone() == clear[person.pk]
    zhang = world.people["zhang_min"]
    assert list(Person.objects.search(q="13880001003").values_list("pk", flat=True)) == [zhang.pk]
    assert os.stat(path).st_mode & 0o077 == 0
    assert json.loads(path.read_text())["field_keys"].keys() >= {old_id, new_id}
