"""The seeded eligibility groups' descriptions in English, which /en/ showed in Chinese. A description an
administrator already wrote in English is kept."""

from django.db import migrations

DESCRIPTIONS_EN = {
    "registered-unemployed": (
        "Laid-off and unemployed workers holding an Employment and Unemployment Registration Certificate. Please "
        "upload a photo or scan of the certificate."
    ),
    "minimum-living-allowance": (
        "Members of households receiving the urban or rural minimum living allowance (dibao). Please upload a photo "
        "or scan of the allowance certificate."
    ),
    "elderly": (
        "Residents aged 60 or over. Please upload a photo of your ID card (the side with your photo); a reviewer "
        "checks your name, ID number and date of birth against it."
    ),
    "disability": (
        "Residents holding a Disability Certificate of the People's Republic of China. Please upload a photo or scan "
        "of the certificate."
    ),
    "servicemen-families": (
        "Servicemen's families, families of martyrs, disabled veterans and others entitled to preferential care. "
        "Please upload your preferential treatment card or other proof."
    ),
}


def describe_in_english(apps, schema_editor):
    EligibilityGroup = apps.get_model("discounts", "EligibilityGroup")
    for code, description in DESCRIPTIONS_EN.items():
        EligibilityGroup.objects.filter(code=code, description_en="").update(description_en=description)


class Migration(migrations.Migration):
    dependencies = [("discounts", "0008_eligibility_group_description_en")]

    operations = [migrations.RunPython(describe_in_english, migrations.RunPython.noop)]
