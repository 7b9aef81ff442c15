"""Nanjing's districts, sub-districts and communities, from demo/data/nanjing.json."""

from decimal import Decimal

from demo.data_files import nanjing
from market.places.models import Community, District, Subdistrict


def _coordinate(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.000001"))


def load_places() -> int:
    """Create whatever is missing, matched by natural key (code; district + name). Returns rows created."""
    data = nanjing()["districts"]
    existing_districts = {district.code: district for district in District.objects.all()}
    new_districts = [
        District(
            code=entry["code"],
            name=entry["name"],
            name_en=entry["name_en"],
            latitude=_coordinate(entry["latitude"]),
            longitude=_coordinate(entry["longitude"]),
        )
        for entry in data
        if entry["code"] not in existing_districts
    ]
    District.objects.bulk_create(new_districts)
    districts = {district.code: district for district in District.objects.all()}

    existing_subdistricts = {(item.district_id, item.name) for item in Subdistrict.objects.all()}
    new_subdistricts = [
        Subdistrict(
            district=districts[entry["code"]],
            name=sub["name"],
            name_en=sub["name_en"],
            latitude=_coordinate(sub["latitude"]),
            longitude=_coordinate(sub["longitude"]),
        )
        for entry in data
        for sub in entry["subdistricts"]
        if (districts[entry["code"]].pk, sub["name"]) not in existing_subdistricts
    ]
    Subdistrict.objects.bulk_create(new_subdistricts)
    subdistricts = {(item.district_id, item.name): item for item in Subdistrict.objects.all()}

    existing_communities = set(Community.objects.values_list("subdistrict_id", "name"))
    new_communities = []
    for entry in data:
        for sub in entry["subdistricts"]:
            subdistrict = subdistricts[(districts[entry["code"]].pk, sub["name"])]
            new_communities += [
                Community(subdistrict=subdistrict, name=community["name"], name_en=community["name_en"])
                for community in sub["communities"]
                if (subdistrict.pk, community["name"]) not in existing_communities
            ]
    Community.objects.bulk_create(new_communities)
    return len(new_districts) + len(new_subdistricts) + len(new_communities)
