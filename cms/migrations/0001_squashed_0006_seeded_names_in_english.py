"""CMS's migrations 0001-0006 squashed: one CreateModel per model, then the data a fresh database needs.

The data operation runs the replaced migrations' functions in their order (imported from their files, kept until
every deployment has migrated past them; when the replaced files are deleted, the functions move here).
"""

from importlib import import_module

import datetime
import django.db.models.deletion
import modelcluster.fields
import uuid
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


def old(name):
    return import_module(f"cms.migrations.{name}")


def seed(apps, schema_editor):
    """The moderation workflow (0003) under its English names (0005, 0006), without Wagtail's "Moderators" (0005)."""
    old("0003_moderation_workflow").set_up_moderation(apps, schema_editor)
    old("0005_seeded_names").rename_and_drop(apps, schema_editor)
    old("0006_seeded_names_in_english").store_english_names(apps, schema_editor)


def unseed(apps, schema_editor):
    old("0006_seeded_names_in_english").store_chinese_names(apps, schema_editor)
    old("0005_seeded_names").restore_names(apps, schema_editor)


class Migration(migrations.Migration):
    replaces = [
        ("cms", "0001_initial"),
        ("cms", "0002_site_pages"),
        ("cms", "0003_moderation_workflow"),
        ("cms", "0004_notice_proposed_changes"),
        ("cms", "0005_seeded_names"),
        ("cms", "0006_seeded_names_in_english"),
    ]

    initial = True

    dependencies = [
        ("accounts", "0002_roles"),
        ("licensing", "0001_squashed_0007_licensing_fees"),
        ("registry", "0001_squashed_0006_description_limit"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HomePage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "headline",
                    models.CharField(
                        help_text="The one sentence residents read first.", max_length=120, verbose_name="headline"
                    ),
                ),
                (
                    "introduction",
                    models.TextField(
                        blank=True, help_text="Two or three short sentences.", verbose_name="introduction"
                    ),
                ),
            ],
            options={
                "verbose_name": "home page",
            },
            bases=("wagtailcore.page",),
        ),
        migrations.CreateModel(
            name="StandardPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "introduction",
                    models.TextField(blank=True, help_text="Shown under the title.", verbose_name="introduction"),
                ),
                (
                    "body",
                    wagtail.fields.StreamField(
                        [("heading", 0), ("paragraph", 1), ("image", 2), ("call_to_action", 5)],
                        blank=True,
                        block_lookup={
                            0: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "form_classname": "title",
                                    "help_text": "A section heading; it appears in the contents.",
                                    "label": "Heading",
                                },
                            ),
                            1: (
                                "wagtail.blocks.RichTextBlock",
                                (),
                                {
                                    "features": ["bold", "italic", "link", "ol", "ul", "document-link"],
                                    "help_text": "Short paragraphs read best on a phone.",
                                    "label": "Paragraph",
                                },
                            ),
                            2: (
                                "wagtail.images.blocks.ImageBlock",
                                [],
                                {"help_text": "Describe the image for people who cannot see it.", "label": "Image"},
                            ),
                            3: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"help_text": "Say what happens, e.g. “Apply now”.", "label": "Button text"},
                            ),
                            4: (
                                "wagtail.blocks.PageChooserBlock",
                                (),
                                {"help_text": "The page the button opens.", "label": "Page it opens"},
                            ),
                            5: (
                                "wagtail.blocks.StructBlock",
                                [[("text", 3), ("page", 4)]],
                                {"icon": "link", "label": "Call to action"},
                            ),
                        },
                        help_text="The text of the page.",
                        verbose_name="body",
                    ),
                ),
            ],
            options={
                "verbose_name": "standard page",
            },
            bases=("wagtailcore.page",),
        ),
        migrations.CreateModel(
            name="NewsArticlePage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "date",
                    models.DateField(
                        default=datetime.date.today, help_text="The date the news is about.", verbose_name="date"
                    ),
                ),
                (
                    "summary",
                    models.TextField(
                        help_text="One or two sentences for lists, feeds and link previews.",
                        max_length=300,
                        verbose_name="summary",
                    ),
                ),
                (
                    "body",
                    wagtail.fields.StreamField(
                        [("heading", 0), ("paragraph", 1), ("image", 2), ("call_to_action", 5)],
                        block_lookup={
                            0: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "form_classname": "title",
                                    "help_text": "A section heading; it appears in the contents.",
                                    "label": "Heading",
                                },
                            ),
                            1: (
                                "wagtail.blocks.RichTextBlock",
                                (),
                                {
                                    "features": ["bold", "italic", "link", "ol", "ul", "document-link"],
                                    "help_text": "Short paragraphs read best on a phone.",
                                    "label": "Paragraph",
                                },
                            ),
                            2: (
                                "wagtail.images.blocks.ImageBlock",
                                [],
                                {"help_text": "Describe the image for people who cannot see it.", "label": "Image"},
                            ),
                            3: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"help_text": "Say what happens, e.g. “Apply now”.", "label": "Button text"},
                            ),
                            4: (
                                "wagtail.blocks.PageChooserBlock",
                                (),
                                {"help_text": "The page the button opens.", "label": "Page it opens"},
                            ),
                            5: (
                                "wagtail.blocks.StructBlock",
                                [[("text", 3), ("page", 4)]],
                                {"icon": "link", "label": "Call to action"},
                            ),
                        },
                        help_text="The article.",
                        verbose_name="body",
                    ),
                ),
            ],
            options={
                "verbose_name": "news article",
            },
            bases=("wagtailcore.page",),
        ),
        migrations.CreateModel(
            name="NewsIndexPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "introduction",
                    models.TextField(blank=True, help_text="What residents find here.", verbose_name="introduction"),
                ),
            ],
            options={
                "verbose_name": "news index",
            },
            bases=("wagtailcore.page",),
        ),
        migrations.CreateModel(
            name="NoticeIndexPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "introduction",
                    models.TextField(
                        blank=True, help_text="How public notice works and who may object.", verbose_name="introduction"
                    ),
                ),
            ],
            options={
                "verbose_name": "notice index",
            },
            bases=("wagtailcore.page",),
        ),
        migrations.CreateModel(
            name="PolicyIndexPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "introduction",
                    models.TextField(blank=True, help_text="What residents find here.", verbose_name="introduction"),
                ),
            ],
            options={
                "verbose_name": "policy library",
            },
            bases=("wagtailcore.page",),
        ),
        migrations.CreateModel(
            name="Footer",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                (
                    "about",
                    models.TextField(
                        help_text="One or two sentences about the bureau and the site.", verbose_name="about"
                    ),
                ),
                (
                    "contact",
                    wagtail.fields.RichTextField(help_text="Hotline, email and office hours.", verbose_name="contact"),
                ),
                (
                    "legal",
                    models.TextField(
                        blank=True,
                        help_text="Copyright, operator and ICP filing number, one per line.",
                        verbose_name="legal line",
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
            ],
            options={
                "verbose_name": "footer",
                "verbose_name_plural": "footers",
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
        ),
        migrations.CreateModel(
            name="FooterLink",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "url",
                    models.CharField(
                        blank=True,
                        help_text="Instead of a page: an address such as /search/.",
                        max_length=300,
                        verbose_name="address",
                    ),
                ),
                (
                    "label",
                    models.CharField(
                        blank=True,
                        help_text="The link text; empty uses the page's title.",
                        max_length=60,
                        verbose_name="label",
                    ),
                ),
                (
                    "footer",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="links", to="cms.footer"
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        blank=True,
                        help_text="A page of this site; the link follows it into the reader's language.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="page",
                    ),
                ),
            ],
            options={
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="MainMenu",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                (
                    "name",
                    models.CharField(
                        help_text="For editors only, e.g. “Main navigation”.", max_length=60, verbose_name="name"
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
            ],
            options={
                "verbose_name": "main navigation",
                "verbose_name_plural": "main navigation",
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
        ),
        migrations.CreateModel(
            name="MainMenuLink",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "url",
                    models.CharField(
                        blank=True,
                        help_text="Instead of a page: an address such as /search/.",
                        max_length=300,
                        verbose_name="address",
                    ),
                ),
                (
                    "label",
                    models.CharField(
                        blank=True,
                        help_text="The link text; empty uses the page's title.",
                        max_length=60,
                        verbose_name="label",
                    ),
                ),
                (
                    "menu",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="links", to="cms.mainmenu"
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        blank=True,
                        help_text="A page of this site; the link follows it into the reader's language.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="page",
                    ),
                ),
            ],
            options={
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="NoticePage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "merchant_name",
                    models.CharField(help_text="The applicant's legal name.", max_length=200, verbose_name="merchant"),
                ),
                (
                    "credit_code",
                    models.CharField(
                        help_text="From the applicant's business licence.",
                        max_length=18,
                        verbose_name="unified social credit code",
                    ),
                ),
                (
                    "category_names",
                    models.CharField(
                        help_text="The services applied for, separated by commas.",
                        max_length=500,
                        verbose_name="categories",
                    ),
                ),
                (
                    "outlet_addresses",
                    models.TextField(
                        blank=True, help_text="One outlet per line: its name and address.", verbose_name="outlets"
                    ),
                ),
                (
                    "notice_starts_on",
                    models.DateField(help_text="The first day of the notice.", verbose_name="notice starts"),
                ),
                (
                    "notice_ends_on",
                    models.DateField(
                        help_text="The last day on which an objection can be made.", verbose_name="notice ends"
                    ),
                ),
                (
                    "closed_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="Set when the notice period has ended.",
                        null=True,
                        verbose_name="closed at",
                    ),
                ),
                (
                    "application",
                    models.ForeignKey(
                        blank=True,
                        help_text="The application on notice; set by the system.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="licensing.application",
                        verbose_name="application",
                    ),
                ),
                (
                    "proposed_changes",
                    models.TextField(
                        blank=True,
                        help_text="For a listed merchant's change application: one proposed change per line, beside what it replaces.",
                        verbose_name="proposed changes",
                    ),
                ),
            ],
            options={
                "verbose_name": "public notice",
            },
            bases=("wagtailcore.page",),
        ),
        migrations.CreateModel(
            name="PolicyPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "issuing_body",
                    models.CharField(
                        help_text="Who issued the document, e.g. 国务院 (the State Council).",
                        max_length=200,
                        verbose_name="issuing body",
                    ),
                ),
                (
                    "document_number",
                    models.CharField(
                        blank=True,
                        help_text="As printed, e.g. 国发〔2006〕14号.",
                        max_length=100,
                        verbose_name="document number",
                    ),
                ),
                ("date_issued", models.DateField(help_text="The date on the document.", verbose_name="date issued")),
                (
                    "status",
                    models.CharField(
                        choices=[("in_force", "In force"), ("amended", "Amended"), ("repealed", "Repealed")],
                        default="in_force",
                        help_text="Whether the document still applies; an amended or repealed one stays readable.",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "introduction",
                    models.TextField(
                        blank=True,
                        help_text="One or two sentences: what the document is about.",
                        verbose_name="introduction",
                    ),
                ),
                (
                    "preamble",
                    wagtail.fields.RichTextField(
                        blank=True,
                        help_text="The addressees and opening paragraphs before the first numbered section.",
                        verbose_name="preamble",
                    ),
                ),
                (
                    "body",
                    wagtail.fields.StreamField(
                        [("section", 2)],
                        block_lookup={
                            0: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "As numbered in the document, e.g. “五、……”.",
                                    "label": "Section heading",
                                },
                            ),
                            1: (
                                "wagtail.blocks.RichTextBlock",
                                (),
                                {
                                    "features": ["bold", "italic", "link", "ol", "ul", "document-link"],
                                    "help_text": "The text of the section, paragraph by paragraph.",
                                    "label": "Section text",
                                },
                            ),
                            2: ("wagtail.blocks.StructBlock", [[("heading", 0), ("content", 1)]], {}),
                        },
                        help_text="One block per numbered section; each becomes a line in the table of contents.",
                        verbose_name="sections",
                    ),
                ),
                (
                    "attachments",
                    wagtail.fields.StreamField(
                        [("attachment", 2)],
                        blank=True,
                        block_lookup={
                            0: (
                                "wagtail.documents.blocks.DocumentChooserBlock",
                                (),
                                {"help_text": "A PDF or other file from the document library.", "label": "Document"},
                            ),
                            1: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "What the file is, e.g. “Scanned original (PDF)”.",
                                    "label": "Description",
                                    "required": False,
                                },
                            ),
                            2: ("wagtail.blocks.StructBlock", [[("document", 0), ("description", 1)]], {}),
                        },
                        help_text="Files from the document library, e.g. the scanned original.",
                        verbose_name="attachments",
                    ),
                ),
                (
                    "related_categories",
                    modelcluster.fields.ParentalManyToManyField(
                        blank=True,
                        help_text="The service categories this policy concerns.",
                        related_name="policy_pages",
                        to="registry.category",
                        verbose_name="related categories",
                    ),
                ),
            ],
            options={
                "verbose_name": "policy document",
            },
            bases=("wagtailcore.page",),
        ),
        migrations.CreateModel(
            name="ServiceGuidePage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "introduction",
                    models.TextField(blank=True, help_text="Who this guide is for.", verbose_name="introduction"),
                ),
                (
                    "body",
                    wagtail.fields.StreamField(
                        [("heading", 0), ("paragraph", 1), ("image", 2), ("call_to_action", 5)],
                        blank=True,
                        block_lookup={
                            0: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "form_classname": "title",
                                    "help_text": "A section heading; it appears in the contents.",
                                    "label": "Heading",
                                },
                            ),
                            1: (
                                "wagtail.blocks.RichTextBlock",
                                (),
                                {
                                    "features": ["bold", "italic", "link", "ol", "ul", "document-link"],
                                    "help_text": "Short paragraphs read best on a phone.",
                                    "label": "Paragraph",
                                },
                            ),
                            2: (
                                "wagtail.images.blocks.ImageBlock",
                                [],
                                {"help_text": "Describe the image for people who cannot see it.", "label": "Image"},
                            ),
                            3: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"help_text": "Say what happens, e.g. “Apply now”.", "label": "Button text"},
                            ),
                            4: (
                                "wagtail.blocks.PageChooserBlock",
                                (),
                                {"help_text": "The page the button opens.", "label": "Page it opens"},
                            ),
                            5: (
                                "wagtail.blocks.StructBlock",
                                [[("text", 3), ("page", 4)]],
                                {"icon": "link", "label": "Call to action"},
                            ),
                        },
                        help_text="The steps to apply, in order.",
                        verbose_name="steps",
                    ),
                ),
                (
                    "category",
                    models.ForeignKey(
                        help_text="The top-level category this guide is for; its licences are listed from the registry.",
                        limit_choices_to={"parent__isnull": True},
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="service_guides",
                        to="registry.category",
                        verbose_name="category",
                    ),
                ),
            ],
            options={
                "verbose_name": "service guide",
            },
            bases=("wagtailcore.page",),
        ),
        migrations.RunPython(seed, unseed),
    ]
