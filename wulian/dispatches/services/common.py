"""What the dispatch services share: who covers what, and the refusal to change a published dispatch."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.selectors import scope_for
from wulian.dispatches.models import (
    Dispatch,
    DispatchStatus,
)

PUBLISHED_REFUSAL = "该通报已发布，不能修改；如需更正，请发布更正通报。"


def _covers(by: User | None, path: str) -> bool:
    return by is None or scope_for(by).covers_path(path)


def _refuse_published(dispatch: Dispatch) -> None:
    if Dispatch.objects.filter(pk=dispatch.pk, status=DispatchStatus.PUBLISHED).exists():
        raise ValidationError({"status": _(PUBLISHED_REFUSAL)})


def previous_month(today: dt.date) -> dt.date:
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
