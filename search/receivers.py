from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from market.registry.models import Category
from search.models import Synonym
from search.service import forget_category_keys
from search.synonyms import forget_synonyms


@receiver([post_save, post_delete], sender=Synonym, dispatch_uid="search.synonyms_changed")
def synonyms_changed(sender, **kwargs):
    forget_synonyms()


@receiver([post_save, post_delete], sender=Category, dispatch_uid="search.categories_changed")
def categories_changed(sender, **kwargs):
    forget_category_keys()
