"""Contact while the need is held: messages and masked calls (号码隐私)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require
from wulian.audit.services import record
from wulian.core.gateways import GatewayError, number_privacy
from wulian.needs import rules
from wulian.needs.models import (
    CONTACT_STATES,
    MessageSide,
    Need,
    NeedMessage,
    NumberBinding,
)
from wulian.needs.services._common import (
    _need_url,
    _require_holder,
    _text,
    logger,
    poster_recipients,
    provider_recipients,
)
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.people.models import Person


def number_privacy_hours() -> int:
    return int(getattr(settings, "WULIAN_NUMBER_PRIVACY_HOURS", 24))


def contact_side(need: Need, by: User | None) -> str | None:
    """How the user takes part in the need's contact, or None (``rules.contact_side``)."""
    return rules.contact_side(by, need)


def post_need_message(*, need: Need, by: User, body: str) -> NeedMessage:
    """A message on the need between the resident and the provider (area staff may write too),
    from the claim until the need is confirmed, released or cancelled."""
    require(by, "need.message")
    rules.require_can(
        rules.can_message(by, need), _("只有需求人、接单方和社区工作人员可以在此留言。")
    )
    side = contact_side(need, by) or MessageSide.STAFF  # never None once ``can_message`` allows
    if need.state not in CONTACT_STATES:
        raise ValidationError(
            {
                "need": _("需求被接单后、确认前可以留言（当前：%(s)s）。")
                % {"s": need.get_state_display()}
            }
        )
    body = _text(body, "body", _("留言"), 500)
    with transaction.atomic():
        message = NeedMessage.objects.create(need=need, author=by, side=side, body=body)
        # The audit entry names the act, not the words (they may hold personal details).
        record(
            actor=by, action="need.message", obj=need, after={"message": message.pk, "side": side}
        )
        to = poster_recipients(need) if side != MessageSide.RESIDENT else []
        if side != MessageSide.PROVIDER:
            to += provider_recipients(need)
        author = {by.pk}
        notify(
            kind="need.message",
            to=[recipients.Recipients(r.audience, r.user_ids - author) for r in to],
            title=_("“%(t)s”有新留言") % {"t": need.title},
            body=body[:100],
            url=_need_url(need),
        )
    return message


def call_resident(*, need: Need, by: User) -> NumberBinding:
    """The provider holding the need gets a virtual number (隐私号) that reaches the resident, and
    that the resident may call back, without either seeing the other's number. The binding lasts
    ``WULIAN_NUMBER_PRIVACY_HOURS`` (24) and is reused meanwhile; it is released when the need is
    confirmed, released or cancelled. If the service fails, the refusal says so and points to
    the messages."""
    require(by, "need.serve")
    _require_holder(need, by, "contact")
    if need.state not in CONTACT_STATES:
        raise ValidationError(
            {"need": _("需求当前状态为“%(s)s”，不能再联系群众。") % {"s": need.get_state_display()}}
        )
    now = timezone.now()
    if by is not None:
        current = need.number_bindings.filter(
            user=by, released_at__isnull=True, expires_at__gt=now
        ).first()
        if current is not None:
            return current
    provider_phone = ""
    if by is not None and by.person_id:
        provider_phone = Person.objects.get(pk=by.person_id).clear_phone()
    elif need.provider_org is not None:
        provider_phone = (need.provider_org.contact_phone or "").strip()
    if not provider_phone:
        raise ValidationError(
            {"need": _("您的账号未登记手机号，不能使用隐私号通话；请在下方留言联系群众。")}
        )
    expires_at = now + dt.timedelta(hours=number_privacy_hours())
    try:
        binding = number_privacy.bind(
            a=need.posted_by.clear_phone(),
            b=provider_phone,
            expires_at=expires_at,
            reference=f"need-{need.pk}-user-{getattr(by, 'pk', 0)}",
        )
    except GatewayError as exc:
        logger.warning("number privacy bind failed for need %s: %s (%s)", need.pk, exc.code, exc)
        raise ValidationError(
            {
                "need": _(
                    "隐私号服务暂时不可用，未能获取通话号码；请稍后再试，或在下方留言联系群众。"
                )
            }
        ) from None
    with transaction.atomic():
        row = NumberBinding.objects.create(
            need=need,
            user=by,
            virtual_number=binding.virtual_number,
            binding_id=binding.binding_id,
            expires_at=binding.expires_at,
        )
        record(
            actor=by,
            action="need.call",
            obj=need,
            after={"binding": row.pk, "expires_at": row.expires_at},
        )
    return row
