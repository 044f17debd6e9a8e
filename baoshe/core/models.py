"""The paper's own identity: name, licences, copyright statement, footer.

Kept in one site setting (``SiteSettings``) because every reader page prints it and the
publisher, not a developer, changes it when a licence number is renewed.
"""

from django.db import models
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

from .defaults import DEFAULT_COPYRIGHT_STATEMENT, DEFAULT_COPYRIGHT_TITLE


class LicenceBlock(blocks.StructBlock):
    """许可证: a publishing or news-service licence the footer must show."""

    name = blocks.CharBlock(label="许可证名称", max_length=60)
    number = blocks.CharBlock(label="编号", max_length=80, required=False)
    url = blocks.URLBlock(label="链接", required=False)

    class Meta:
        icon = "doc-full"
        label = "许可证"


def optional_page(label: str) -> models.ForeignKey:
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

    paper_name = models.CharField("报纸名称", max_length=60, default="示例日报")
    site_name = models.CharField("网站名称", max_length=60, default="示例网")
    slogan = models.CharField("口号", max_length=120, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="报头图片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    publisher = models.CharField(
        "主办单位", max_length=120, default="示例日报社", help_text="页脚的版权所有者。"
    )
    icp_number = models.CharField("ICP 备案号", max_length=60, blank=True)
    icp_url = models.URLField("备案查询链接", blank=True, default="https://beian.miit.gov.cn/")
    police_record = models.CharField("公安备案号", max_length=60, blank=True)
    licences = StreamField([("licence", LicenceBlock())], verbose_name="许可证", blank=True)
    institution_badge = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="事业单位标识",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    institution_url = models.URLField("事业单位标识链接", blank=True)
    copyright_title = models.CharField(
        "版权声明标题", max_length=60, default=DEFAULT_COPYRIGHT_TITLE
    )
    copyright_statement = RichTextField(
        "版权与转载声明",
        default=DEFAULT_COPYRIGHT_STATEMENT.strip(),
        features=["bold", "italic", "ol", "ul", "link"],
        help_text="每篇稿件末尾显示。用编号列表逐条书写。",
    )
    contact_line = models.CharField(
        "版权联系", max_length=200, blank=True, help_text="例如：联系人及电话，显示在声明之后。"
    )
    about_page = optional_page("关于我们")
    advertising_page = optional_page("广告服务")
    copyright_page = optional_page("版权声明")
    contact_page = optional_page("联系我们")

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
            heading="页脚页面",
        ),
        InlinePanel("friend_links", heading="友情链接", label="链接"),
        MultiFieldPanel(
            [
                FieldPanel("icp_number"),
                FieldPanel("icp_url"),
                FieldPanel("police_record"),
                FieldPanel("licences"),
                FieldPanel("institution_badge"),
                FieldPanel("institution_url"),
            ],
            heading="备案与许可",
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(identity_panels, heading="报社"),
            ObjectList(rights_panels, heading="版权"),
            ObjectList(footer_panels, heading="页脚"),
        ]
    )

    class Meta:
        verbose_name = "报社设置"
        verbose_name_plural = "报社设置"

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
    name = models.CharField("名称", max_length=60)
    url = models.URLField("网址")

    panels = [FieldPanel("name"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = "友情链接"

    def __str__(self):
        return self.name


class StandardPage(Page):
    """单页: about, advertising, contact and other pages an editor writes once and links to."""

    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock(label="段落")),
            ("heading", blocks.CharBlock(label="小标题", form_classname="title")),
            ("image", ImageBlock(label="图片")),
        ],
        verbose_name="正文",
        blank=True,
    )

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    template = "core/standard_page.html"

    class Meta:
        verbose_name = "单页"
        verbose_name_plural = "单页"
