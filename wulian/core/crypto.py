"""国密 primitives for personal data: SM4-GCM at rest, SM3 hashes, HMAC-SM3 blind indexes."""

import base64
import hashlib
import os

from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_PREFIX = "sm4gcm1:"
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


def _field_key() -> bytes:
    key = settings.WULIAN_FIELD_KEY
    if len(key) != 16:
        raise ImproperlyConfigured("WULIAN_FIELD_KEY must be 16 bytes (32 hex digits) for SM4.")
    return key


def encrypt_field(plaintext: str) -> str:
    """Encrypt one personal field with SM4-GCM; the result is text safe for a CharField."""
    nonce = os.urandom(_NONCE)
    encryptor = Cipher(algorithms.SM4(_field_key()), modes.GCM(nonce)).encryptor()
    body = encryptor.update(plaintext.encode()) + encryptor.finalize()
    return _PREFIX + base64.b64encode(nonce + body + encryptor.tag).decode()


def decrypt_field(token: str) -> str:
    if not token.startswith(_PREFIX):
        raise ValueError("not an SM4-GCM field")
    raw = base64.b64decode(token[len(_PREFIX) :])
    nonce, body, tag = raw[:_NONCE], raw[_NONCE:-16], raw[-16:]
    decryptor = Cipher(algorithms.SM4(_field_key()), modes.GCM(nonce, tag)).decryptor()
    return (decryptor.update(body) + decryptor.finalize()).decode()


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
