"""Delivery evidence is downloaded only through the scoped view, never from a /media/ URL."""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.urls import reverse

from wulian.agreements.models import Delivery

CONTENT = b"%PDF-1.4 sign-in sheet"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _delivery(agreement, *, evidence: bool = True) -> Delivery:
    delivery = Delivery(
        item=agreement.items.get(), date=dt.date(2026, 12, 5), count=1, beneficiaries=40
    )
    if evidence:
        delivery.evidence.save("签到表.pdf", ContentFile(CONTENT), save=True)
    else:
        delivery.save()
    return delivery


def test_a_party_to_the_agreement_downloads_the_evidence_as_an_attachment(in_force, client, login):
    delivery = _delivery(in_force)
    login("huaxi_contact")
    response = client.get(reverse("agreements:delivery_evidence", args=[delivery.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_user_out_of_scope_gets_404(in_force, client, login):
    delivery = _delivery(in_force)
    login("xihuamen_admin")
    response = client.get(reverse("agreements:delivery_evidence", args=[delivery.pk]))
    assert response.status_code == 404


def test_a_delivery_without_evidence_gets_404(in_force, client, login):
    delivery = _delivery(in_force, evidence=False)
    login("huaxi_contact")
    response = client.get(reverse("agreements:delivery_evidence", args=[delivery.pk]))
    assert response.status_code == 404


def test_an_anonymous_visitor_is_redirected_to_login(in_force, client):
    delivery = _delivery(in_force)
    url = reverse("agreements:delivery_evidence", args=[delivery.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(django_settings.LOGIN_URL))


def test_the_detail_page_links_the_evidence_to_the_scoped_download(in_force, client, login):
    delivery = _delivery(in_force)
    login("hongmenjie_admin")
    page = client.get(reverse("agreements:detail", args=[in_force.pk])).content.decode()
    assert f'href="{reverse("agreements:delivery_evidence", args=[delivery.pk])}"' in page
    assert "/media/" not in page
