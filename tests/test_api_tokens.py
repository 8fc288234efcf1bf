"""API tokens: staff get theirs from /api/auth/token/, and manage them in the admin.

A token deleted in the admin is revoked at once: the API answers 401 to it.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token, TokenProxy
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
TOKEN = "/api/auth/token/"
TOKEN_ADMIN = "/admin/authtoken/tokenproxy/"


@pytest.fixture
def token_keeper(django_user_model):
    """A staff member allowed to see, add and delete API tokens in the admin (not a superuser)."""
    user = django_user_model.objects.create_user(username="keeper", password=PASSWORD, is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="authtoken", codename__in=["view_tokenproxy", "add_tokenproxy", "delete_tokenproxy"]
        )
    )
    return user


def with_token(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_staff_get_their_token_and_the_same_one_again(staff_user):
    first = APIClient().post(TOKEN, {"username": "staff", "password": PASSWORD}, format="json")
    second = APIClient().post(TOKEN, {"username": "staff", "password": PASSWORD})

    assert first.status_code == 200
    assert first.json() == {"token": Token.objects.get(user=staff_user).key}
    assert second.json() == first.json()


def test_it_refuses_a_wrong_password_and_makes_no_token(staff_user):
    response = APIClient().post(TOKEN, {"username": "staff", "password": "guess"}, format="json")

    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert not Token.objects.exists()


def test_it_refuses_an_account_that_is_not_staff(django_user_model):
    user = django_user_model.objects.create_user(username="reader", password=PASSWORD)

    response = APIClient().post(TOKEN, {"username": "reader", "password": PASSWORD}, format="json")

    assert response.status_code == 403
    assert response.json() == {"detail": "Only staff accounts may hold an API token."}
    assert not Token.objects.filter(user=user).exists()


def test_the_token_admin_is_registered():
    assert admin.site.is_registered(TokenProxy)


def test_staff_with_the_permission_create_a_token_in_the_admin(client, token_keeper, staff_user):
    client.force_login(token_keeper)

    response = client.post(f"{TOKEN_ADMIN}add/", {"user": staff_user.pk})

    assert response.status_code == 302
    token = Token.objects.get(user=staff_user)
    assert with_token(token.key).get("/api/programmes/").status_code == 200


def test_a_token_revoked_in_the_admin_is_refused_with_401(client, token_keeper, staff_user):
    key = Token.objects.create(user=staff_user).key
    assert with_token(key).get("/api/programmes/").status_code == 200
    client.force_login(token_keeper)

    response = client.post(f"{TOKEN_ADMIN}{staff_user.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Token.objects.filter(user=staff_user).exists()
    refused = with_token(key).get("/api/programmes/")
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"] == "Token"
    assert refused.json() == {"detail": "Invalid token."}


def test_staff_without_the_permission_cannot_see_the_tokens(client, staff_user):
    Token.objects.create(user=staff_user)
    client.force_login(staff_user)

    assert client.get(TOKEN_ADMIN).status_code == 403
