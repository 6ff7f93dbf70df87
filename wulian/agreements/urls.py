from django.urls import path

from wulian.agreements import views

app_name = "agreements"
urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("new/", views.agreement_create, name="create"),
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("<int:pk>/edit/", views.agreement_edit, name="edit"),
    path("<int:pk>/items/new/", views.item_add, name="item_add"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/revise/", views.revise, name="revise"),
    path("<int:pk>/end/", views.end, name="end"),
    path("<int:pk>/pdf/", views.agreement_pdf, name="pdf"),
    path("<int:pk>/fulfilment.xlsx", views.fulfilment_export, name="fulfilment_export"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path("items/<int:pk>/deliveries/new/", views.delivery_add, name="delivery_add"),
    path("deliveries/<int:pk>/evidence/", views.delivery_evidence, name="delivery_evidence"),
    path("deliveries/<int:pk>/confirm/", views.delivery_confirm, name="delivery_confirm"),
    path("deliveries/<int:pk>/reject/", views.delivery_reject, name="delivery_reject"),
]
