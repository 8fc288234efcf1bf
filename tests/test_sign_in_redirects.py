"""After signing in, nobody is sent to another site, and an admin sign-in lands in the admin."""

import pytest

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
UNSAFE = ["https://evil.example/", "//evil.example/admin/", "http://testserver:6666/", "javascript:alert(1)"]


def admin_sign_in(client, next_url: str, *, in_form: bool = True):
    """Open the admin's sign-in page with ``?next=`` and post the form it shows."""
    page = client.get("/admin/login/", {"next": next_url})
    form_next = page.context["next"] if in_form else next_url
    return client.post(f"/admin/login/?next={next_url}", {"username": "staff", "password": PASSWORD, "next": form_next})


@pytest.mark.parametrize("next_url", UNSAFE)
def test_an_admin_sign_in_with_an_unsafe_next_lands_in_the_admin(client, staff_user, next_url):
    response = admin_sign_in(client, next_url)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(staff_user.pk)


@pytest.mark.parametrize("next_url", UNSAFE)
def test_an_unsafe_next_posted_directly_lands_in_the_admin_too(client, staff_user, next_url):
    response = admin_sign_in(client, next_url, in_form=False)

    assert response["Location"] == "/admin/"


def test_a_safe_next_is_followed(client, staff_user):
    response = admin_sign_in(client, "/admin/programmes/programme/")

    assert response["Location"] == "/admin/programmes/programme/"


def test_the_api_sign_in_keeps_its_own_fallback(client, staff_user):
    response = client.post("/api/auth/login/?next=https://evil.example/", {"username": "staff", "password": PASSWORD})

    assert response["Location"] == "/api/"
