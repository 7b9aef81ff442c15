"""How search follows the discount tracker: a merchant's offers and micro-profit services are in its search record
("offers for my group", "micro-profit services only"), so changing them schedules the merchant's reindex after the
transaction commits, through the register's own reindex queue. SearchConfig.ready() imports this module.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from market.discounts.models import MicroProfitService, MicroProfitServiceType, Offer
from search.receivers import reindex_after_commit


@receiver([post_save, post_delete], sender=Offer, dispatch_uid="search.offer_changed")
@receiver([post_save, post_delete], sender=MicroProfitService, dispatch_uid="search.micro_profit_service_changed")
def offer_or_service_changed(sender, instance, **kwargs):
    reindex_after_commit({instance.organization_id})


@receiver(m2m_changed, sender=Offer.groups.through, dispatch_uid="search.offer_groups_changed")
def offer_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        reindex_after_commit({instance.organization_id})
    else:
        # A group's offers changed from the group's side: their merchants.
        reindex_after_commit(set(Offer.objects.filter(pk__in=pk_set or ()).values_list("organization_id", flat=True)))


@receiver(post_save, sender=MicroProfitServiceType, dispatch_uid="search.micro_profit_type_changed")
def micro_profit_type_changed(sender, instance, **kwargs):
    # The bureau moved a type's dates: its merchants' periods in force change.
    reindex_after_commit(set(instance.services.values_list("organization_id", flat=True)))
