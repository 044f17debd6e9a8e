"""The blocks an article body is made of."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class CaptionedImageBlock(blocks.StructBlock):
    """A photo with its caption (图片说明) and credit, as the paper prints them."""

    image = ImageChooserBlock(label=pgettext_lazy("newspaper", "Image"))
    caption = blocks.CharBlock(label=_("Photo caption"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("Photographer"), required=False, max_length=60)

    class Meta:
        icon = "image"
        label = pgettext_lazy("newspaper", "Image")
        template = "newsroom/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "newsroom/blocks/quote.html"


class VideoBlock(blocks.StructBlock):
    """A video: an oEmbed URL, or a direct file URL played by the browser's own player."""

    url = blocks.URLBlock(label=_("Video URL"))
    caption = blocks.CharBlock(
        label=pgettext_lazy("video block", "Caption"), required=False, max_length=200
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "newsroom/blocks/video.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "ol", "ul", "superscript", "subscript"],
    )
    heading = blocks.CharBlock(
        label=_("Subheading"), max_length=120, template="newsroom/blocks/heading.html"
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    embed = EmbedBlock(
        label=pgettext_lazy("body block", "Embed"),
        help_text=_("A link to a video site or the like (the site must be reachable)."),
    )
