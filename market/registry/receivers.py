"""The register follows its own events: what the public register keeps in the cache (registry.merchant_cache) is
dropped when the merchant, a category or a place it names changes. RegistryConfig.ready() imports this module.

Places and categories have no service in between (administrators edit them in the admin), so their model signals
are followed, as search does."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from market.places.models import Community, District, Subdistrict
from market.registry import merchant_cache
from market.registry.models import Category, Organization
from market.registry.signals import category_tree_changed, listing_status_changed, merchant_changed


@receiver(merchant_changed, sender=Organization, dispatch_uid="registry.forget_changed_merchants")
def forget_changed_merchants(sender, organization_ids, **kwargs):
    merchant_cache.merchants_changed(organization_ids)


@receiver(listing_status_changed, sender=Organization, dispatch_uid="registry.forget_merchant_on_listing_change")
def forget_merchant_on_listing_change(sender, organization, **kwargs):
    merchant_cache.merchants_changed([organization.pk])


@receiver(category_tree_changed, sender=Category, dispatch_uid="registry.forget_names_of_categories")
@receiver([post_save, post_delete], sender=District, dispatch_uid="registry.district_changed")
@receiver([post_save, post_delete], sender=Subdistrict, dispatch_uid="registry.subdistrict_changed")
@receiver([post_save, post_delete], sender=Community, dispatch_uid="registry.community_changed")
def forget_names(sender, **kwargs):
    merchant_cache.names_changed()
