"""The paper's own identity: name, licences, copyright statement, footer.

Kept in one site setting (``SiteSettings``) because every reader page prints it and the
publisher, not a developer, changes it when a licence number is renewed.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Orderable, Page
from wagtail.search import index

from .defaults import (
    DEFAULT_COPYRIGHT_STATEMENT,
    DEFAULT_COPYRIGHT_TITLE,
    DEFAULT_PAPER_NAME,
    DEFAULT_PUBLISHER,
    DEFAULT_SITE_NAME,
)


class LicenceBlock(blocks.StructBlock):
    """许可证: a publishing or news-service licence the footer must show."""

    name = blocks.CharBlock(label=_("Licence name"), max_length=60)
    number = blocks.CharBlock(label=_("Licence number"), max_length=80, required=False)
    url = blocks.URLBlock(label=_("Link"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Licence")


def optional_page(label) -> models.ForeignKey:
    """A footer link to a page the editor picks; removing the page just empties the link."""
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """报社设置: who publishes this site, under which licences and copyright terms."""

    paper_name = models.CharField(_("Newspaper name"), max_length=60, default=DEFAULT_PAPER_NAME)
    site_name = models.CharField(_("Website name"), max_length=60, default=DEFAULT_SITE_NAME)
    slogan = models.CharField(_("Slogan"), max_length=120, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Masthead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    publisher = models.CharField(
        _("Publisher"),
        max_length=120,
        default=DEFAULT_PUBLISHER,
        help_text=_("The copyright holder named in the footer."),
    )
    icp_number = models.CharField(_("ICP record number"), max_length=60, blank=True)
    icp_url = models.URLField(
        _("ICP record lookup link"), blank=True, default="https://beian.miit.gov.cn/"
    )
    police_record = models.CharField(_("Public security record number"), max_length=60, blank=True)
    licences = StreamField([("licence", LicenceBlock())], verbose_name=_("Licences"), blank=True)
    institution_badge = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Public institution badge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    institution_url = models.URLField(_("Public institution badge link"), blank=True)
    copyright_title = models.CharField(
        _("Copyright notice title"), max_length=60, default=DEFAULT_COPYRIGHT_TITLE
    )
    copyright_statement = RichTextField(
        _("Copyright and reprint notice"),
        default=DEFAULT_COPYRIGHT_STATEMENT.strip(),
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_(
            "Shown at the end of every article. Write it as a numbered list, one point per item."
        ),
    )
    contact_line = models.CharField(
        _("Copyright contact"),
        max_length=200,
        blank=True,
        help_text=_("For example a contact person and phone number, shown after the notice."),
    )
    about_page = optional_page(_("About us"))
    advertising_page = optional_page(_("Advertising"))
    copyright_page = optional_page(_("Copyright notice"))
    contact_page = optional_page(_("Contact us"))

    identity_panels = [
        FieldPanel("paper_name"),
        FieldPanel("site_name"),
        FieldPanel("slogan"),
        FieldPanel("logo"),
        FieldPanel("publisher"),
    ]
    rights_panels = [
        FieldPanel("copyright_title"),
        FieldPanel("copyright_statement"),
        FieldPanel("contact_line"),
    ]
    footer_panels = [
        MultiFieldPanel(
            [
                FieldPanel("about_page"),
                FieldPanel("advertising_page"),
                FieldPanel("copyright_page"),
                FieldPanel("contact_page"),
            ],
            heading=_("Footer pages"),
        ),
        InlinePanel("friend_links", heading=_("Friend links"), label=_("Link")),
        MultiFieldPanel(
            [
                FieldPanel("icp_number"),
                FieldPanel("icp_url"),
                FieldPanel("police_record"),
                FieldPanel("licences"),
                FieldPanel("institution_badge"),
                FieldPanel("institution_url"),
            ],
            heading=_("Records and licences"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(identity_panels, heading=_("Paper")),
            ObjectList(rights_panels, heading=_("Copyright")),
            ObjectList(footer_panels, heading=_("Footer")),
        ]
    )

    class Meta:
        verbose_name = _("Newspaper settings")
        verbose_name_plural = _("Newspaper settings")

    def __str__(self):
        return self.paper_name

    @property
    def footer_pages(self):
        return [
            page
            for page in (
                self.about_page,
                self.advertising_page,
                self.copyright_page,
                self.contact_page,
            )
            if page is not None and page.live
        ]


class FriendLink(Orderable):
    """友情链接: one entry of the footer's list of partner sites."""

    settings = ParentalKey(SiteSettings, related_name="friend_links", on_delete=models.CASCADE)
    name = models.CharField(_("Site name"), max_length=60)
    url = models.URLField(_("Web address"))

    panels = [FieldPanel("name"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("Friend link")
        verbose_name_plural = _("Friend links")

    def __str__(self):
        return self.name


class StandardPage(Page):
    """单页: about, advertising, contact and other pages an editor writes once and links to."""

    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock(label=_("Paragraph"))),
            ("heading", blocks.CharBlock(label=_("Subheading"), form_classname="title")),
            ("image", ImageBlock(label=pgettext_lazy("newspaper", "Image"))),
        ],
        verbose_name=_("Body"),
        blank=True,
    )

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    template = "core/standard_page.html"

    class Meta:
        verbose_name = _("Standalone page")
        verbose_name_plural = _("Standalone pages")
