"""The retention table of settings.WULIAN_RETENTION (PIPL art. 19, 47; docs/security.md).

How long each kind of record is kept. Kinds an app registers a purge for (core.personal_data)
are deleted by the daily job core.tasks.purge_expired_records; the others are kept (statutory)
and listed so that the table is complete. Days counted from the row's end (expiry, use, send).
"""

import environ


def _(text: str) -> str:
    """Marked for translation, translated where shown."""
    return text


def retention(env: environ.Env) -> dict[str, dict]:
    """Each kind of record: days kept (the WULIAN_KEEP_*_DAYS variables), label and basis."""
    return {
        "sms_codes": {
            "days": env.int("WULIAN_KEEP_SMS_CODES_DAYS", default=1),
            "label": _("短信验证码"),
            "basis": _("只用于验证，过期即无用途"),
        },
        "sessions": {
            "days": env.int("WULIAN_KEEP_SESSIONS_DAYS", default=1),
            "label": _("会话数据（过期后）"),
            "basis": _("会话过期后无用途"),
        },
        "login_sessions": {
            "days": env.int("WULIAN_KEEP_LOGIN_SESSIONS_DAYS", default=180),
            "label": _("登录记录"),
            "basis": _("等保2.0：登录日志留存不少于6个月"),
        },
        "api_tokens": {
            "days": env.int("WULIAN_KEEP_ENDED_TOKENS_DAYS", default=180),
            "label": _("已失效的接口令牌"),
            "basis": _("等保2.0：与登录日志一同留存6个月"),
        },
        "notifications": {
            "days": env.int("WULIAN_KEEP_NOTIFICATIONS_DAYS", default=365),
            "label": _("站内消息"),
            "basis": _("业务提醒，一年后无用途"),
        },
        "erasure_requests": {
            "days": env.int("WULIAN_KEEP_ERASURE_REQUESTS_DAYS", default=3 * 365),
            "label": _("已办结的删除申请"),
            "basis": _("个人信息保护法第47条处理记录，保存3年"),
        },
        "audit": {
            "days": 6 * 365,
            "label": _("审计日志"),
            "basis": _(
                "法定：网络安全法第21条不少于6个月，本平台保存6年；哈希链不删除，到期后由运维归档"
            ),
        },
        "cases_agreements": {
            "days": 0,
            "label": _("矛盾纠纷、服务协议、党员档案"),
            "basis": _("法定档案：长期保存；注销后与个人脱钩"),
        },
    }
