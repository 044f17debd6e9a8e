"""Default texts a new paper starts with; editors replace them in 设置 → 报社设置.

Data, not interface text: the values are stored in the paper's settings when the site is
created, and from then on belong to the paper (docs/i18n.md).
"""

DEFAULT_PAPER_NAME = "示例日报"
DEFAULT_SITE_NAME = "示例网"
DEFAULT_PUBLISHER = "示例日报社"

DEFAULT_COPYRIGHT_TITLE = "版权与免责声明"

DEFAULT_COPYRIGHT_STATEMENT = """
<ol>
<li>凡本网及本报数字报刊发、且注明来源为本报或本网的文字、图片、音视频等作品，著作权均归本报社所有。未经书面授权，任何单位和个人不得转载、摘编、链接、镜像或以其他方式使用。</li>
<li>已获授权使用的，须注明“来源：本报”及作者署名（如“本报记者 某某”），图片、视频须注明出处与作者；如修改标题，须同时注明原标题；经其他平台间接转载的，仍须注明原始来源。</li>
<li>本网未注明来源为本报或本网的作品均为转载稿。转载旨在传递更多信息，不代表本网赞同其观点或对其真实性负责；其他媒体、网站或个人从本网使用时，须保留本网注明的原始来源，并自行承担法律责任。</li>
<li>部分转载作品因无法联系到著作权人，请权利人与本网联系，本网将及时处理并依规支付稿酬。</li>
<li>如本网发布或转载的内容涉及名誉权、著作权等问题，请与本网联系，我们将在核实后及时处理。</li>
</ol>
"""
