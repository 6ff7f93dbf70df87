from django.db import connection, transaction
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

# The bare write's table: made by ``wulian bench writes`` in its scratch database (raw SQL, so the
# tools app has no migration and the product's databases never hold it).
WRITE_TABLE = "wulian_bench_write"


def bare(request: HttpRequest) -> JsonResponse:
    """The bare baseline endpoint benchmarks compare against: no database, no session."""
    return JsonResponse({"ok": True})


def create_write_table() -> None:
    key = (
        "integer PRIMARY KEY AUTOINCREMENT"
        if connection.vendor == "sqlite"
        else "bigserial PRIMARY KEY"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {WRITE_TABLE} (id {key}, user_id integer NOT NULL, "
            "at timestamp NOT NULL, note varchar(50) NOT NULL)"
        )
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {WRITE_TABLE}_user ON {WRITE_TABLE} (user_id, at)"
        )


@csrf_exempt
@require_POST
def bare_write(request: HttpRequest) -> JsonResponse:
    """The bare write benchmarks compare writes against, the database's floor: the API's bearer
    token checked (as the API does), then one insert into an indexed table in a transaction."""
    from wulian.accounts.services import authenticate_token

    header = request.headers.get("Authorization", "")
    user = (
        authenticate_token(header.removeprefix("Bearer ").strip())
        if header.startswith("Bearer ")
        else None
    )
    if user is None:
        return JsonResponse({"detail": "unauthorized"}, status=401)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {WRITE_TABLE} (user_id, at, note) VALUES (%s, %s, %s)",
            [user.pk, timezone.now(), "bench"],
        )
    return JsonResponse({"ok": True}, status=201)
