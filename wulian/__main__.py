"""The ``wulian`` console script: Django's manage.py under the project's name."""

import os
import sys


def main() -> None:
    if sys.argv[1:3] == ["keys", "init"]:  # before Django: without keys it does not start
        from wulian.core.keys import init_main

        sys.exit(init_main(sys.argv[3:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wulian.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
