"""Escalation climbs the tree: one escalation per item per level (the event names the area it
reached), and the item counts the levels reached. Existing escalations went one level up: their
level is the parent of the meeting's area.

Invitations get an answer (参加 / 请假 with a reason / 委派 a named delegate); a meeting records
its host (主持人) and recorder (记录人); a QR sign-in records the person."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def name_existing_levels(apps, schema_editor):
    ActionEvent = apps.get_model("meetings", "ActionEvent")
    ActionItem = apps.get_model("meetings", "ActionItem")
    for event in ActionEvent.objects.filter(kind="escalated").select_related("item__decision__meeting__area"):
        event.to_area_id = event.item.decision.meeting.area.parent_id
        event.save(update_fields=["to_area"])
    ActionItem.objects.filter(escalated_at__isnull=False).update(escalation_level=1)


def keep_first_escalation(apps, schema_editor):
    """Back to "once per item": keep each item's first escalation and point the item at it."""
    ActionEvent = apps.get_model("meetings", "ActionEvent")
    ActionItem = apps.get_model("meetings", "ActionItem")
    seen = set()
    for event in ActionEvent.objects.filter(kind="escalated").order_by("item_id", "at", "id"):
        if event.item_id in seen:
            event.delete()
            continue
        seen.add(event.item_id)
        ActionItem.objects.filter(pk=event.item_id).update(escalated_to_id=event.by_org_id, escalated_at=event.at)


class Migration(migrations.Migration):

    dependencies = [
        ('areas', '0001_initial'),
        ('people', '0001_initial'),
        ('meetings', '0002_reschedule_and_cancel'),
        ('orgs', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='actionevent',
            name='action_event_escalated_once',
        ),
        migrations.AddField(
            model_name='actionevent',
            name='to_area',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='areas.area', verbose_name='升级至层级'),
        ),
        migrations.AddField(
            model_name='actionitem',
            name='escalation_level',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='升级层级数'),
        ),
        migrations.RunPython(name_existing_levels, keep_first_escalation),
        migrations.AddConstraint(
            model_name='actionevent',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'escalated')), fields=('item', 'to_area'), name='action_event_escalated_once_per_level'),
        ),
        migrations.AddConstraint(
            model_name='actionevent',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'escalated'), _negated=True), ('to_area__isnull', False), _connector='OR'), name='action_event_escalation_has_level'),
        ),
        migrations.AddConstraint(
            model_name='actionitem',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('escalated_at__isnull', True), ('escalation_level', 0)), models.Q(('escalated_at__isnull', False), ('escalation_level__gt', 0)), _connector='OR'), name='action_item_escalation_level_fits'),
        ),
        migrations.AddField(
            model_name='attendance',
            name='person',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='people.person', verbose_name='签到人员'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='answered_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='答复时间'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='answered_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='invitation',
            name='delegate',
            field=models.CharField(blank=True, max_length=50, verbose_name='委派人员'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='reason',
            field=models.CharField(blank=True, max_length=300, verbose_name='请假原因'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='response',
            field=models.CharField(choices=[('pending', '待答复'), ('attend', '参加'), ('leave', '请假'), ('delegate', '委派')], default='pending', max_length=10, verbose_name='答复'),
        ),
        migrations.AddField(
            model_name='jointmeeting',
            name='host',
            field=models.CharField(blank=True, max_length=50, verbose_name='主持人'),
        ),
        migrations.AddField(
            model_name='jointmeeting',
            name='recorder',
            field=models.CharField(blank=True, max_length=50, verbose_name='记录人'),
        ),
        migrations.AddConstraint(
            model_name='invitation',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('answered_at__isnull', True), ('response', 'pending')), models.Q(('answered_at__isnull', False), ('response', 'attend')), models.Q(('answered_at__isnull', False), ('response', 'leave'), models.Q(('reason', ''), _negated=True)), models.Q(('answered_at__isnull', False), ('response', 'delegate'), models.Q(('delegate', ''), _negated=True)), _connector='OR'), name='invitation_answer_complete'),
        ),
    ]
