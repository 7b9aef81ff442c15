"""Issue 12's data: every benefit code gets a secret for the rotating QR code (a resident's page shows the new QR
code at once; nothing is printed to replace), sales recorded without a resident's code are held for a reviewer
before they can be claimed, the elderly need proof like the other groups, and the roles get the new screens:
reviewers check claims and flagged sales, administrators issue printed cards.
"""

from django.db import migrations

ELDERLY_SEEDED_DESCRIPTION = "年满60周岁的居民。填写出生日期即可，无需上传证件。"
ELDERLY_DESCRIPTION = "年满60周岁的居民。请上传身份证照片（人像面），经办人核对姓名、身份证号和出生日期后认定。"

GRANTS = {
    "reviewer": [
        ("subsidyclaim", ["view", "change"]),
        ("subsidyclaimline", ["view"]),
        ("microprofitsale", ["view"]),
        ("saleflag", ["view", "change"]),
        ("codeuse", ["view"]),
    ],
    "approver": [
        ("saleflag", ["view"]),
        ("codeuse", ["view"]),
    ],
    "administrator": [
        ("benefitcard", ["add", "change", "view"]),
        ("benefitcode", ["view"]),
        ("codeuse", ["view"]),
    ],
}


def give_codes_their_secrets(apps, schema_editor):
    from market.discounts import codes

    BenefitCode = apps.get_model("discounts", "BenefitCode")
    for code in BenefitCode.objects.filter(qr_id_digest__isnull=True):
        code.secret = codes.new_secret()
        code.qr_id_digest = codes.qr_id_digest(codes.qr_id(code))
        code.save(update_fields=["secret", "qr_id_digest"])


def hold_sales_without_a_code(apps, schema_editor):
    from django.utils import timezone

    MicroProfitSale = apps.get_model("discounts", "MicroProfitSale")
    SubsidyClaimLine = apps.get_model("discounts", "SubsidyClaimLine")
    SaleFlag = apps.get_model("discounts", "SaleFlag")
    claimed = SubsidyClaimLine.objects.filter(released_at__isnull=True).values("sale")
    unclaimed = MicroProfitSale.objects.filter(reverses__isnull=True, benefit_code__isnull=True).exclude(
        pk__in=claimed
    )
    now = timezone.now()
    SaleFlag.objects.bulk_create(
        SaleFlag(sale=sale, reason="no_code", flagged_at=now, state="open") for sale in unclaimed
    )


def elderly_need_proof(apps, schema_editor):
    EligibilityGroup = apps.get_model("discounts", "EligibilityGroup")
    for group in EligibilityGroup.objects.filter(derivable_from_birth_date=True):
        group.proof_required = True
        group.verify_automatically = False
        if group.description == ELDERLY_SEEDED_DESCRIPTION:
            group.description = ELDERLY_DESCRIPTION
        group.save(update_fields=["proof_required", "verify_automatically", "description"])


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for role, models in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for model, actions in models:
            content_type, _ = ContentType.objects.get_or_create(app_label="discounts", model=model)
            for action in actions:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
                )
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("discounts", "0005_trust"),
        ("accounts", "0002_roles"),
    ]

    operations = [
        # Existing rows only: a fresh database has no benefit codes or sales (the squash leaves them out).
        migrations.RunPython(give_codes_their_secrets, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(hold_sales_without_a_code, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(elderly_need_proof, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
