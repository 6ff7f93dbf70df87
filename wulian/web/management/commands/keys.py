from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wulian.core.keys import KeyConfigError
from wulian.core.rotation import add_field_key, reencrypt, remaining


class Command(BaseCommand):
    help = (
        "密钥: `wulian keys init PATH` writes a new key file (before Django starts); "
        "`wulian keys status` shows the key ring and what is left to re-encrypt; "
        "`wulian keys rotate [--resume] [--batch N]` adds a field key and re-encrypts every "
        "encrypted field with it, in batches, continuing where a stopped run left off."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["status", "rotate"])
        parser.add_argument(
            "--resume", action="store_true", help="do not add a key: finish re-encrypting"
        )
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, **options):
        from wulian.audit.services import record

        if options["action"] == "status":
            self.stdout.write(f"keys from: {settings.WULIAN_KEY_SOURCE}")
            self.stdout.write(
                f"field keys: {', '.join(sorted(settings.WULIAN_FIELD_KEYS))}; "
                f"current: {settings.WULIAN_FIELD_KEY_ID}"
            )
            for name, count in remaining().items():
                self.stdout.write(f"  {name}: {count} rows under older keys")
            return
        if options["batch"] < 1:
            raise CommandError("--batch must be at least 1")
        if not options["resume"]:
            try:
                key_id = add_field_key()
            except KeyConfigError as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(
                f"field key {key_id} added to {settings.WULIAN_KEY_FILE} and made current. "
                "Restart the app servers so that they read it."
            )
            record(
                actor=None,
                action="keys.add_field_key",
                object_type="core.key",
                object_id=key_id,
                object_repr=f"field key {key_id}",
            )
        count = reencrypt(batch=options["batch"], progress=self.stdout.write)
        record(
            actor=None,
            action="keys.reencrypt",
            object_type="core.key",
            object_id=settings.WULIAN_FIELD_KEY_ID,
            object_repr=f"field key {settings.WULIAN_FIELD_KEY_ID}",
            after={"rows": count},
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{count} rows re-encrypted with field key {settings.WULIAN_FIELD_KEY_ID}; none left under older keys."
            )
        )
