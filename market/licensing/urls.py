"""The merchant portal: applications and licences. The public profile's pages are the register's, under the same
portal/ prefix (market/registry/portal_urls.py).
"""

from django.urls import path

from market.licensing import portal_views, views

app_name = "licensing"

urlpatterns = [
    path("", views.index, name="index"),
    path("apply/", views.start_application, name="apply"),
    path("applications/<int:pk>/", views.application_status, name="application"),
    path("applications/<int:pk>/business/", views.step_business, name="step_business"),
    path("applications/<int:pk>/categories/", views.step_categories, name="step_categories"),
    path("applications/<int:pk>/outlets/", views.step_outlets, name="step_outlets"),
    path("applications/<int:pk>/outlets/<int:location_pk>/", views.step_outlets, name="edit_outlet"),
    path("applications/<int:pk>/outlets/<int:location_pk>/remove/", views.remove_outlet, name="remove_outlet"),
    path("applications/<int:pk>/licences/", views.step_licences, name="step_licences"),
    path("applications/<int:pk>/licences/<int:licence_pk>/remove/", views.remove_licence, name="remove_licence"),
    path("applications/<int:pk>/review/", views.step_review, name="step_review"),
    path("applications/<int:pk>/answer/", views.answer_request, name="answer"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("licences/<int:licence_pk>/file/", views.licence_file, name="licence_file"),
    path("licences/<int:licence_pk>/renew/", views.renew_licence, name="renew"),
    path("organizations/<int:organization_pk>/change/", views.request_change, name="change"),
    path(
        "organizations/<int:organization_pk>/change/outlets/new/",
        portal_views.change_new_outlet,
        name="change_new_outlet",
    ),
    path(
        "organizations/<int:organization_pk>/change/outlets/close/",
        portal_views.change_close_outlets,
        name="change_close_outlets",
    ),
    path(
        "organizations/<int:organization_pk>/change/outlets/<int:location_pk>/move/",
        portal_views.change_move_outlet,
        name="change_move_outlet",
    ),
    path("applications/<int:pk>/documents/<int:document_pk>/", portal_views.document_file, name="document"),
    path("applications/<int:pk>/correct/", portal_views.correct, name="correct"),
    path(
        "applications/<int:pk>/correct/outlets/<int:location_pk>/", portal_views.correct_outlet, name="correct_outlet"
    ),
]
