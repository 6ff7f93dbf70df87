"""A resident's phone home leads to 随手拍 and to the public pages; staff's menu leads to triage."""

from django.urls import reverse


def test_the_residents_home_links_reports_and_public_pages(world, client):
    client.force_login(world.users["resident_demo"])
    page = client.get(reverse("web:home")).content.decode()
    assert f'href="{reverse("reports:mine_list")}"' in page
    assert f'href="{reverse("public:index")}"' in page


def test_staff_find_triage_in_the_menu(world, client):
    client.force_login(world.users["hongmenjie_admin"])
    page = client.get(reverse("web:home")).content.decode()
    assert f'href="{reverse("reports:list")}"' in page
    assert f'href="{reverse("reports:mine_list")}"' not in page
