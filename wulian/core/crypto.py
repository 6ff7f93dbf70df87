"""国密 primitives for personal data: SM4-GCM at rest, SM3 hashes, HMAC-SM3 blind indexes."""

import base64
import hashlib
import os

from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from wulian.core.keys import LEGACY_FIELD_KEY_ID

_LEGACY_PREFIX = "sm4gcm1:"  # before key ids: always the ring's key "1"
_PREFIX = "sm4gcm2:"  # sm4gcm2:<key id>:<base64 nonce|ciphertext|tag>
_NONCE = 12


def sm3_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode()
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize().hex()


def hmac_sm3_hex(key: bytes, data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode()
    mac = hmac.HMAC(key, hashes.SM3())
    mac.update(data)
    return mac.finalize().hex()


def _field_key(key_id: str) -> bytes:
    key = settings.WULIAN_FIELD_KEYS.get(key_id)
    if key is None:
        raise ImproperlyConfigured(
            f"field key {key_id!r} is not in the key ring (WULIAN_FIELD_KEY / key file)."
        )
    if len(key) != 16:
        raise ImproperlyConfigured("field keys must be 16 bytes (32 hex digits) for SM4.")
    return key


def encrypt_field(plaintext: str) -> str:
    """Encrypt one personal field with SM4-GCM under the current key; the result names the key
    and is text safe for a CharField."""
    key_id = settings.WULIAN_FIELD_KEY_ID
    nonce = os.urandom(_NONCE)
    encryptor = Cipher(algorithms.SM4(_field_key(key_id)), modes.GCM(nonce)).encryptor()
    body = encryptor.update(plaintext.encode()) + encryptor.finalize()
    return f"{_PREFIX}{key_id}:" + base64.b64encode(nonce + body + encryptor.tag).decode()


def field_key_id(token: str) -> str:
    """The id of the key a ciphertext was made with."""
    if token.startswith(_LEGACY_PREFIX):
        return LEGACY_FIELD_KEY_ID
    if token.startswith(_PREFIX):
        return token[len(_PREFIX) :].split(":", 1)[0]
    raise ValueError("not an SM4-GCM field")


def decrypt_field(token: str) -> str:
    key_id = field_key_id(token)
    raw = base64.b64decode(token.rsplit(":", 1)[1])
    nonce, body, tag = raw[:_NONCE], raw[_NONCE:-16], raw[-16:]
    decryptor = Cipher(algorithms.SM4(_field_key(key_id)), modes.GCM(nonce, tag)).decryptor()
    return (decryptor.update(body) + decryptor.finalize()).decode()


def is_current(token: str) -> bool:
    return token.startswith(f"{_PREFIX}{settings.WULIAN_FIELD_KEY_ID}:")


def blind_index(value: str, *, purpose: str) -> str:
    """A keyed HMAC-SM3 of a normalised value: equal values find each other, nothing else leaks."""
    return hmac_sm3_hex(settings.WULIAN_INDEX_KEY, f"{purpose}:{value.strip().upper()}")


def self_test() -> None:
    """Refuse to start where SM3 or SM4 is missing from the crypto backend."""
    try:
        if sm3_hex("abc") != "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0":
            raise ImproperlyConfigured("SM3 self-test gave a wrong digest.")
        token = encrypt_field("自检")
        if decrypt_field(token) != "自检":
            raise ImproperlyConfigured("SM4-GCM self-test failed.")
    except ImproperlyConfigured:
        raise
    except Exception as exc:  # the backend lacks SM3/SM4
        raise ImproperlyConfigured(f"SM3/SM4 unavailable in this crypto backend: {exc}") from exc


def file_digest(path: str) -> str:
    """SHA-256 of a file, for checks that are not security controls (e.g. duplicates)."""
    h = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(65536), b""):
            h.update(chunk)
    return h.hexdigest()
