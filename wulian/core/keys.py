"""Keys outside the database: where the platform's secrets come from, and the key file.

Read by ``wulian/settings.py`` before Django starts (so nothing here imports Django settings).
Sources, each item independently, the environment first:

- ``SECRET_KEY``; ``WULIAN_FIELD_KEY`` (SM4, 32 hex digits, or a ring ``id:hex,id:hex`` whose
  first key is current); ``WULIAN_INDEX_KEY`` (blind indexes, 64 hex); ``WULIAN_AUDIT_KEY``
  (HMAC-SM3 of the audit chain and its seals, 64 hex);
- ``WULIAN_KEY_FILE``: a JSON key file written by ``wulian keys init`` (mode 0600).

With ``DEBUG`` off a missing key stops the platform with a message naming it. In development
(``DEBUG`` on, ``WULIAN_DEV_KEYS=1`` as ``make run`` sets it, or under pytest) a dev key file is
made in ``var/keys.json`` and a warning says so on every start.
"""

import json
import os
import secrets
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

LEGACY_FIELD_KEY_ID = "1"  # ciphertext written before key ids ("sm4gcm1:") used this key


class KeyConfigError(Exception):
    pass


@dataclass
class KeySet:
    secret_key: str
    field_keys: dict[str, bytes]
    field_key_id: str
    index_key: bytes
    audit_key: bytes
    source: str
    file: Path | None = None
    warnings: list[str] = field(default_factory=list)


def new_key_file_data() -> dict:
    return {
        "secret_key": secrets.token_urlsafe(50),
        "field_keys": {LEGACY_FIELD_KEY_ID: secrets.token_hex(16)},
        "field_key_id": LEGACY_FIELD_KEY_ID,
        "index_key": secrets.token_hex(32),
        "audit_key": secrets.token_hex(32),
    }


def write_key_file(path: Path, data: dict) -> None:
    """Write the key file atomically, readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(data, handle, indent=2)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def read_key_file(path: Path) -> dict:
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        raise KeyConfigError(
            f"WULIAN_KEY_FILE={path} does not exist (make one with `wulian keys init`)."
        ) from None
    except (OSError, ValueError) as exc:
        raise KeyConfigError(f"key file {path} cannot be read: {exc}") from None
    if "field_key" in data and "field_keys" not in data:  # the old dev file: one field key
        data["field_keys"] = {LEGACY_FIELD_KEY_ID: data.pop("field_key")}
        data["field_key_id"] = LEGACY_FIELD_KEY_ID
    return data


def _hex(name: str, value: str, length: int, *, at_least: bool = False) -> bytes:
    try:
        raw = bytes.fromhex(value.strip())
    except ValueError:
        raise KeyConfigError(f"{name} is not hexadecimal.") from None
    if at_least and len(raw) < length:
        raise KeyConfigError(f"{name} must be at least {length} bytes ({2 * length} hex digits).")
    if not at_least and len(raw) != length:
        raise KeyConfigError(
            f"{name} must be {length} bytes ({2 * length} hex digits), not {len(raw)}."
        )
    return raw


def _field_ring(value: str) -> tuple[dict[str, bytes], str]:
    """``hex`` (key id 1) or ``id:hex,id:hex`` (the first is current)."""
    ring: dict[str, bytes] = {}
    current = ""
    for part in [p.strip() for p in value.split(",") if p.strip()]:
        key_id, _sep, hexkey = part.rpartition(":")
        key_id = key_id or LEGACY_FIELD_KEY_ID
        if not key_id.isalnum():
            raise KeyConfigError(f"WULIAN_FIELD_KEY: key id {key_id!r} must be letters and digits.")
        ring[key_id] = _hex(f"WULIAN_FIELD_KEY ({key_id})", hexkey, 16)
        current = current or key_id
    return ring, current


def throwaway_keys() -> KeySet:
    """Random keys held in memory only, for commands that never read or write personal data or
    the audit trail (``makemigrations``): nothing encrypted with them can be read again."""
    data = new_key_file_data()
    return KeySet(
        secret_key=data["secret_key"],
        field_keys={"1": bytes.fromhex(data["field_keys"]["1"])},
        field_key_id="1",
        index_key=bytes.fromhex(data["index_key"]),
        audit_key=bytes.fromhex(data["audit_key"]),
        source="throw-away keys",
    )


NEEDED_KEYS = {
    "SECRET_KEY": "secret_key",
    "WULIAN_FIELD_KEY": "field_keys",
    "WULIAN_INDEX_KEY": "index_key",
    "WULIAN_AUDIT_KEY": "audit_key",
}  # variable: key-file entry


def _configured_file(environ: Mapping[str, str]) -> tuple[Path | None, dict, str]:
    """The key file WULIAN_KEY_FILE names (its path, data and a source label), or none."""
    if not environ.get("WULIAN_KEY_FILE"):
        return None, {}, "environment"
    path = Path(environ["WULIAN_KEY_FILE"])
    return path, read_key_file(path), f"key file {path}"


def _development_keys(var_dir: Path, missing: list[str], *, dev_allowed: bool) -> tuple[Path, dict]:
    """The development key file in ``var_dir``, made (or completed) on first use; refused with
    DEBUG off."""
    if not dev_allowed:
        raise KeyConfigError(
            "DEBUG is off and these keys are missing: " + ", ".join(missing) + ". Set them in the "
            "environment, or set WULIAN_KEY_FILE to a key file made by `wulian keys init` "
            "(kept outside the database and its backups)."
        )
    path = var_dir / "keys.json"
    data: dict = {}
    if path.exists():
        data = read_key_file(path)
    if not data.get("field_keys") or not data.get("audit_key"):
        data = {**new_key_file_data(), **{k: v for k, v in data.items() if v}}
        write_key_file(path, data)
    return path, data


def _field_key_ring(environ: Mapping[str, str], data: dict) -> tuple[dict[str, bytes], str]:
    if environ.get("WULIAN_FIELD_KEY"):
        ring, current = _field_ring(environ["WULIAN_FIELD_KEY"])
    else:
        ring = {str(k): _hex(f"field key {k}", v, 16) for k, v in data["field_keys"].items()}
        current = str(data.get("field_key_id") or next(iter(ring)))
    if current not in ring:
        raise KeyConfigError(f"the current field key id {current!r} is not in the key ring.")
    return ring, current


def load_keys(environ: Mapping[str, str], *, var_dir: Path, dev_allowed: bool) -> KeySet:
    """The platform's keys, or KeyConfigError naming what is missing."""
    warnings: list[str] = []
    path, data, source = _configured_file(environ)
    missing = [n for n, entry in NEEDED_KEYS.items() if not environ.get(n) and not data.get(entry)]
    if missing and path is None:
        path, data = _development_keys(var_dir, missing, dev_allowed=dev_allowed)
        source = f"DEVELOPMENT key file {path}"
        warnings.append(
            f"WARNING: using DEVELOPMENT keys from {path} (made on this machine). Never in "
            "production: set DEBUG=0 with the keys in the environment or WULIAN_KEY_FILE."
        )
    elif missing:
        raise KeyConfigError(f"{path} lacks: " + ", ".join(missing) + ".")
    ring, current = _field_key_ring(environ, data)
    return KeySet(
        secret_key=environ.get("SECRET_KEY") or data["secret_key"],
        field_keys=ring,
        field_key_id=current,
        index_key=_hex(
            "WULIAN_INDEX_KEY",
            environ.get("WULIAN_INDEX_KEY") or data["index_key"],
            16,
            at_least=True,
        ),
        audit_key=_hex(
            "WULIAN_AUDIT_KEY",
            environ.get("WULIAN_AUDIT_KEY") or data["audit_key"],
            32,
            at_least=True,
        ),
        source=source,
        file=path,
        warnings=warnings,
    )


def announce(keys: KeySet) -> None:
    for line in keys.warnings:
        print(f"\n*** {line} ***\n", file=sys.stderr)


def init_main(argv: list[str]) -> int:
    """``wulian keys init [PATH] [--force]``: write a new key file (mode 0600). Runs before Django
    starts, since without keys the platform does not start."""
    import argparse

    parser = argparse.ArgumentParser(prog="wulian keys init", description=init_main.__doc__)
    parser.add_argument("path", nargs="?", default=os.environ.get("WULIAN_KEY_FILE", ""))
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace an existing file (its data becomes unreadable)",
    )
    args = parser.parse_args(argv)
    if not args.path:
        parser.error("give the key file's path (or set WULIAN_KEY_FILE)")
    path = Path(args.path)
    if path.exists() and not args.force:
        print(
            f"{path} exists: keys in use are never overwritten (--force to replace).",
            file=sys.stderr,
        )
        return 1
    write_key_file(path, new_key_file_data())
    print(
        f"wrote {path} (mode 0600). Start the platform with WULIAN_KEY_FILE={path}; keep a copy "
        "offline, apart from the database backups: without it encrypted fields cannot be read."
    )
    return 0
