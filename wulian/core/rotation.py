"""Field-key rotation: add a key to the key file, then re-encrypt every encrypted field with it.

Encrypted fields are found by convention: every CharField named ``*_encrypted`` of any model
holds ``encrypt_field`` ciphertext. Rows are re-encrypted in batches, each batch one transaction
with its rows locked; a row already under the current key is skipped, so a rotation stopped
anywhere continues where it stopped (``wulian keys rotate --resume``). Blind indexes are HMACs of
the plaintext with the index key, which a field-key rotation leaves alone: they stay valid through
the whole rotation and searches by phone or ID number keep working.
"""

from collections.abc import Callable, Iterator

from django.apps import apps
from django.conf import settings
from django.db import models, transaction

from wulian.core.crypto import decrypt_field, encrypt_field, is_current
from wulian.core.keys import KeyConfigError, read_key_file, write_key_file


def encrypted_fields() -> Iterator[tuple[type[models.Model], str]]:
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.name.endswith("_encrypted") and isinstance(field, models.CharField):
                yield model, field.name


def add_field_key() -> str:
    """Append a new SM4 key to the key file and make it current (here and in the file)."""
    import secrets

    path = settings.WULIAN_KEY_FILE
    if path is None:
        raise KeyConfigError(
            "the keys come from the environment: put the new key first in WULIAN_FIELD_KEY "
            "(`new:hex,old:hex`), restart, then run `wulian keys rotate --resume`."
        )
    data = read_key_file(path)
    ids = [int(k) for k in data["field_keys"] if str(k).isdigit()]
    key_id = str(max(ids, default=0) + 1)
    data["field_keys"][key_id] = secrets.token_hex(16)
    data["field_key_id"] = key_id
    write_key_file(path, data)
    settings.WULIAN_FIELD_KEYS = {
        **settings.WULIAN_FIELD_KEYS,
        key_id: bytes.fromhex(data["field_keys"][key_id]),
    }
    settings.WULIAN_FIELD_KEY_ID = key_id
    settings.WULIAN_FIELD_KEY = settings.WULIAN_FIELD_KEYS[key_id]
    return key_id


def pending(model: type[models.Model], field: str) -> models.QuerySet:
    prefix = f"sm4gcm2:{settings.WULIAN_FIELD_KEY_ID}:"
    return model._default_manager.exclude(**{field: ""}).exclude(**{f"{field}__startswith": prefix})


def reencrypt(
    *,
    batch: int = 500,
    max_batches: int | None = None,
    progress: Callable[[str], None] = lambda _line: None,
) -> int:
    """Re-encrypt every field not yet under the current key; returns the rows changed."""
    done = batches = 0
    for model, field in encrypted_fields():
        while max_batches is None or batches < max_batches:
            with transaction.atomic():
                rows = list(
                    pending(model, field)
                    .select_for_update()
                    .order_by("pk")
                    .values_list("pk", field)[:batch]
                )
                for pk, token in rows:
                    if token and not is_current(token):
                        model._default_manager.filter(pk=pk).update(
                            **{field: encrypt_field(decrypt_field(token))}
                        )
            if not rows:
                break
            done += len(rows)
            batches += 1
            progress(f"{model._meta.label}.{field}: {len(rows)} rows re-encrypted")
    return done


def remaining() -> dict[str, int]:
    return {
        f"{model._meta.label}.{field}": pending(model, field).count()
        for model, field in encrypted_fields()
    }
