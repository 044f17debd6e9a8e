"""The blocks an article body is made of."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class CaptionedImageBlock(blocks.StructBlock):
    """A photo with its caption (图片说明) and credit, as the paper prints them."""

    image = ImageChooserBlock(label="图片")
    caption = blocks.CharBlock(label="图片说明", required=False, max_length=300)
    credit = blocks.CharBlock(label="摄影", required=False, max_length=60)

    class Meta:
        icon = "image"
        label = "图片"
        template = "newsroom/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="引文")
    attribution = blocks.CharBlock(label="出处", required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = "引用"
        template = "newsroom/blocks/quote.html"


class VideoBlock(blocks.StructBlock):
    """A video: an oEmbed URL, or a direct file URL played by the browser's own player."""

    url = blocks.URLBlock(label="视频地址")
    caption = blocks.CharBlock(label="说明", required=False, max_length=200)

    class Meta:
        icon = "media"
        label = "视频"
        template = "newsroom/blocks/video.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label="段落", features=["bold", "italic", "link", "ol", "ul", "superscript", "subscript"]
    )
    heading = blocks.CharBlock(
        label="小标题", max_length=120, template="newsroom/blocks/heading.html"
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    embed = EmbedBlock(label="嵌入", help_text="视频网站等的链接（需能访问该站点）。")
