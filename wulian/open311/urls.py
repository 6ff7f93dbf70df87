from django.urls import path, register_converter

from wulian.open311 import views


class FormatConverter:
    regex = "json|xml"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "fmt")

app_name = "open311"
urlpatterns = [
    path("v2/services.<fmt:fmt>", views.services, name="services"),
    path("v2/requests.<fmt:fmt>", views.requests, name="request_list"),
    path("v2/requests/<int:pk>.<fmt:fmt>", views.request_detail, name="request_detail"),
]
