"""The pages every import and export shares: upload → preview → confirm, template download,
and audited .xlsx responses. Apps' views parse and authorize, then hand over to these."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian.audit.services import record
from wulian.core.imports import (
    Importer,
    ImportResult,
    discard_upload,
    load_upload,
    store_upload,
)
from wulian.core.spreadsheets import (
    ACCEPTED_EXTENSIONS,
    MAX_UPLOAD_BYTES,
    SpreadsheetError,
    read_table,
    xlsx_response,
)
from wulian.exports.services import start_import
from wulian.web.views_helpers import search_filters

SESSION_KEY = "wulian_imports"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("选择文件"),
        help_text=gettext_lazy("支持 .xlsx、.xls、.ods、.csv（UTF-8 或 GBK），不超过 5 MB。"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{e}" for e in ACCEPTED_EXTENSIONS)}
        ),
    )


def template_response(importer: Importer) -> HttpResponse:
    return xlsx_response(importer.template(), importer.template_filename())


def export_response(
    request: HttpRequest,
    *,
    action: str,
    object_type: str,
    title: str,
    data: bytes,
    count: int,
    filters: dict[str, Any],
) -> HttpResponse:
    """Send an export and leave a trace in the audit trail: who exported how many rows, with
    which filters (callers leave out anything personal)."""
    with transaction.atomic():
        record(
            actor=request.user,
            action=action,
            object_type=object_type,
            object_repr=_("%(t)s（%(n)d条）") % {"t": title, "n": count},
            after={"count": count, "filters": filters},
        )
    stamp = timezone.localtime().strftime("%Y%m%d%H%M")
    return xlsx_response(data, f"{title}_{stamp}.xlsx")


def search_export(
    request: HttpRequest,
    search: Callable[[HttpRequest], tuple[forms.Form, Any]],
    *,
    action: str,
    object_type: str,
    title: str,
    write: Callable[[Any], bytes],
    rows: Callable[[Any], list] = list,
) -> HttpResponse:
    """The export button of a search list page: what the page's search finds (``search(request)``
    gives the form and the queryset, ``rows`` makes the list to write), written by ``write`` and
    sent with ``export_response``, the search's filters in the audit trail."""
    form, qs = search(request)
    objects = rows(qs)
    return export_response(
        request,
        action=action,
        object_type=object_type,
        title=title,
        data=write(objects),
        count=len(objects),
        filters=search_filters(form),
    )


def import_page(
    request: HttpRequest, importer: Importer, *, list_url: str, template_url: str
) -> HttpResponse:
    """GET: the upload form. POST with a file: read it, preview (nothing written). POST with
    the preview's token: validate again and write, all or nothing unless 跳过错误行.

    A file of more than IMPORT_BACKGROUND_ROWS data rows is stored and handed to a background
    job (``exports.services.start_import``): its page shows the progress, then the same preview
    and confirmation, then the result."""
    context: dict[str, Any] = {
        "importer": importer,
        "title": importer.title,
        "list_url": reverse(list_url),
        "template_url": reverse(template_url),
        "columns": [c.sheet_column() for c in importer.columns],
    }
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request, importer, context)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(MAX_UPLOAD_BYTES + 1)
        try:
            table = read_table(data, upload.name)
            rows = importer.count_rows(table)
            if rows > settings.IMPORT_BACKGROUND_ROWS:
                return _start_in_background(request, importer, data, upload.name, rows, context)
            result = importer.run(table, commit=False)
        except SpreadsheetError as exc:
            form.add_error("file", str(exc))
        else:
            token = store_upload(data, upload.name)
            tokens = request.session.get(SESSION_KEY, {})
            discard_upload(tokens.get(importer.key, ""))
            tokens[importer.key] = token
            request.session[SESSION_KEY] = tokens
            context.update(result=result, token=token, filename=upload.name)
            return render(request, "imports/preview.html", context)
    context["form"] = form
    return render(request, "imports/upload.html", context)


def _start_in_background(
    request: HttpRequest,
    importer: Importer,
    data: bytes,
    filename: str,
    rows: int,
    context: dict[str, Any],
) -> HttpResponse:
    job = start_import(
        importer=importer,
        by=request.user,
        token=store_upload(data, filename),
        filename=filename,
        total=rows,
        page_url=request.path,
        list_url=context["list_url"],
    )
    return redirect(reverse("exports:import_detail", args=[job.pk]))


def _confirm(request: HttpRequest, importer: Importer, context: dict[str, Any]) -> HttpResponse:
    token = request.POST.get("token", "")
    tokens = request.session.get(SESSION_KEY, {})
    skip_bad = request.POST.get("skip_errors") == "1"
    try:
        if tokens.get(importer.key) != token:
            raise SpreadsheetError(_("上传的文件已失效，请重新上传。"))
        result = importer.run(read_table(load_upload(token), token), commit=True, skip_bad=skip_bad)
    except SpreadsheetError as exc:
        context.update(form=UploadForm(), error=str(exc))
        return render(request, "imports/upload.html", context)
    if result.committed:
        discard_upload(token)
        tokens.pop(importer.key, None)
        request.session[SESSION_KEY] = tokens
        _say_written(request, result)
        return redirect(context["list_url"])
    context.update(result=result, token=token, refused=True, skip_bad=skip_bad)
    return render(request, "imports/preview.html", context)


def _say_written(request: HttpRequest, result: ImportResult) -> None:
    """What a committed import did: rows written, bad rows skipped, rows already there as they
    were (a file exported and imported back unchanged writes nothing and says so)."""
    if result.errors:
        said = _("已导入%(n)d条，跳过%(b)d行错误行。") % {
            "n": result.written,
            "b": len(result.bad_rows),
        }
    else:
        said = _("已导入%(n)d条。") % {"n": result.written}
    if result.unchanged:
        said += _("%(u)d行与现有数据相同，未改动。") % {"u": result.unchanged}
    (messages.warning if result.errors else messages.success)(request, said)
