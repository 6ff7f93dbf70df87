from wulian.core.crypto import blind_index, decrypt_field, encrypt_field, sm3_hex


def test_sm3_standard_vector():
    assert sm3_hex("abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


def test_sm4_gcm_round_trip_and_fresh_nonce():
    a, b = encrypt_field("13812341234"), encrypt_field("13812341234")
    assert a != b
    assert decrypt_field(a) == "13812341234"
    assert "13812341234" not in a


def test_tampered_ciphertext_is_refused():
    import base64

    import pytest
    from cryptography.exceptions import InvalidTag

    token = encrypt_field("510104198001011234")
    raw = bytearray(base64.b64decode(token.rsplit(":", 1)[1]))
    raw[15] ^= 1
    with pytest.raises(InvalidTag):
        decrypt_field("sm4gcm2:1:" + base64.b64encode(bytes(raw)).decode())


def test_blind_index_is_keyed_and_normalised():
    assert blind_index(" 5101x ", purpose="id") == blind_index("5101X", purpose="id")
    assert blind_index("5101X", purpose="id") != blind_index("5101X", purpose="phone")
    assert blind_index("5101X", purpose="id") != sm3_hex("id:5101X")
