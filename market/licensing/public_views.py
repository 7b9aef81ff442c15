"""The public list of published licensing decisions (双公示) and its open data, CSV and JSON."""

import csv

from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

from market.licensing.publication import FIELDS, decisions, published_decisions

PER_PAGE = 30


def decision_list(request):
    page = Paginator(published_decisions(), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "licensing/public/decision_list.html",
        {"page_obj": page, "decisions": decisions(page.object_list)},
    )


def decision_data_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="licensing-decisions.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the Chinese as UTF-8
    writer = csv.writer(response)
    writer.writerow([code for code, _name in FIELDS])
    writer.writerow([name for _code, name in FIELDS])
    for decision in decisions():
        writer.writerow([decision.record[code] for code, _name in FIELDS])
    return response


def decision_data_json(request):
    return JsonResponse(
        {
            "fields": [{"code": code, "name": name} for code, name in FIELDS],
            "records": [decision.record for decision in decisions()],
        },
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
